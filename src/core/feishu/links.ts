import { FeishuError } from '../errors/FeishuError';
import type { LocalCode } from '../errors/catalogue';
import { isLoopbackHost } from './baseUrl';

/** A bare Feishu token (folder, document, wiki node): what people paste without the link around it. */
export const BARE_TOKEN = /^[A-Za-z0-9_-]{5,64}$/;

const FEISHU_HOST = /(^|\.)(feishu\.cn|larksuite\.com|larkoffice\.com|feishu\.net|larksuite-boe\.com)$/i;

/**
 * A link the user pasted, as a URL on a Feishu or Lark host (or loopback, for the emulator); anything else
 * throws `code` with a detail that says what was wrong.
 */
export function feishuUrl(raw: string, code: LocalCode): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FeishuError({ code, detail: `"${raw.slice(0, 80)}" is neither a link nor a token.` });
  }
  if (!FEISHU_HOST.test(url.hostname) && !isLoopbackHost(url.hostname)) {
    throw new FeishuError({ code, detail: `${url.hostname} is not a Feishu or Lark host.` });
  }
  return url;
}

/** The token after `/<marker>/` in a path, e.g. tokenAfter('/wiki/Abc?x', 'wiki') → 'Abc'. */
export function tokenAfter(pathname: string, marker: string): string | undefined {
  return new RegExp(`/${marker}/([A-Za-z0-9_-]+)`).exec(pathname)?.[1];
}

/** What kind of Feishu page a path names ("docx", "sheets", "wiki"…), for messages; undefined when unknown. */
export function linkKind(pathname: string): string | undefined {
  return /\/(docx|docs|doc|sheets|base|wiki|file|mindnotes|slides|drive\/folder)\//.exec(pathname)?.[1];
}
