import { FeishuError } from '../errors/FeishuError';

export type Brand = 'feishu' | 'lark';

const BRAND_BASE: Record<Brand, string> = {
  feishu: 'https://open.feishu.cn',
  lark: 'https://open.larksuite.com',
};

/** Where people open files in a browser; tenant hosts redirect from here. */
const BRAND_WEB: Record<Brand, string> = {
  feishu: 'https://www.feishu.cn',
  lark: 'https://www.larksuite.com',
};

/** Where the authorize page and the device authorization live (docs/feishu/auth.md §1). */
const BRAND_ACCOUNTS: Record<Brand, string> = {
  feishu: 'https://accounts.feishu.cn',
  lark: 'https://accounts.larksuite.com',
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

/**
 * The Open API base: the brand's host, or an override (a proxy, or the local emulator). An override must
 * be https, or http on a loopback host only: tokens must never travel in clear text over a network.
 */
export function resolveBaseUrl(brand: Brand, override?: string): string {
  const raw = override?.trim();
  if (!raw) return BRAND_BASE[brand];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeishuError({ code: 'BAD_BASE_URL', detail: `"${raw}" is not a URL.` });
  }
  const secure = url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (!secure) throw new FeishuError({ code: 'BAD_BASE_URL', detail: `"${url.origin}" is neither https nor loopback http.` });
  if (url.username || url.password) throw new FeishuError({ code: 'BAD_BASE_URL', detail: 'It must not contain a user name or password.' });
  // Accept ".../open-apis" pasted from docs: the client adds that prefix itself.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/open-apis$/, '');
  return `${url.origin}${path}`;
}

/**
 * The accounts host (authorize page, device authorization): the brand's, or with a base URL override the same
 * origin and path as the Open API, which then serves both (the emulator does; a proxy must).
 */
export function resolveAccountsUrl(brand: Brand, override?: string): string {
  return override?.trim() ? resolveBaseUrl(brand, override) : BRAND_ACCOUNTS[brand];
}

/** The browser link of an uploaded Drive file. With an override (e.g. the emulator) links point there. */
export function driveFileUrl(brand: Brand, fileToken: string, override?: string): string {
  return webUrl(brand, `file/${fileToken}`, override);
}

/** The browser link of a document (docx) by its id, for when the user gave no link of their own. */
export function documentUrl(brand: Brand, documentId: string, override?: string): string {
  return webUrl(brand, `docx/${documentId}`, override);
}

/** A browser link on the brand's domain (or the override's host), for when Feishu gives none. */
export function webUrl(brand: Brand, path: string, override?: string): string {
  const base = override?.trim() ? resolveBaseUrl(brand, override) : BRAND_WEB[brand];
  return `${base}/${path}`;
}
