// Opens the code-server workbench in Debian's headless Chromium through playwright-core.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from 'playwright-core';

/**
 * Without the background-networking flags Chromium keeps dialling Google through the closed
 * network; --no-sandbox because we run as root; no GPU here.
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface OpenWorkbenchOptions {
  /** Screenshots and the browser console log go here. */
  artifactsDir: string;
  /**
   * Persistent browser profile. SecretStorage of code-server lives in the browser's
   * localStorage, so reuse one dir to keep secrets across openWorkbench calls.
   */
  browserContextDir?: string;
  /** Default /usr/bin/chromium (Debian's package). */
  chromiumPath?: string;
  viewport?: { width: number; height: number };
  /** First load parses ~19 MB of workbench.js; on 2 cores that is 12–15 s. */
  timeoutMs?: number;
}

export interface Workbench {
  /** null with browserContextDir (a persistent context has no separate Browser). */
  browser: Browser | null;
  context: BrowserContext;
  page: Page;
  /** Closes the page, the context and the browser. Idempotent. */
  close(): Promise<void>;
}

const artifactsOf = new WeakMap<Page, string>();

/** Where screenshot(page, …) writes for this page. */
export function artifactsDirOf(page: Page): string {
  const dir = artifactsOf.get(page);
  if (!dir) throw new Error('page was not opened with openWorkbench');
  return dir;
}

export async function openWorkbench(url: string, opts: OpenWorkbenchOptions): Promise<Workbench> {
  mkdirSync(opts.artifactsDir, { recursive: true });
  const launch: LaunchOptions = {
    executablePath: opts.chromiumPath ?? '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS],
  };
  const ctxOpts = {
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    permissions: ['clipboard-read', 'clipboard-write'],
  };
  let browser: Browser | null = null;
  let context: BrowserContext;
  if (opts.browserContextDir) {
    mkdirSync(opts.browserContextDir, { recursive: true });
    context = await chromium.launchPersistentContext(opts.browserContextDir, { ...launch, ...ctxOpts });
  } else {
    browser = await chromium.launch(launch);
    context = await browser.newContext(ctxOpts);
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await context.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
  };
  try {
    // Granting per origin as well: some Chromium builds ignore the origin-less grant for clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(url).origin });
    const page = context.pages()[0] ?? (await context.newPage());
    artifactsOf.set(page, opts.artifactsDir);
    // The extension's console.log reaches only the browser console: keep it for triage.
    const consoleLog = join(opts.artifactsDir, 'browser-console.log');
    page.on('console', (m) => appendFileSync(consoleLog, `[${m.type()}] ${m.text()}\n`));
    page.on('pageerror', (e) => appendFileSync(consoleLog, `[pageerror] ${String(e)}\n`));
    const timeout = opts.timeoutMs ?? 90_000;
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout });
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
    return { browser, context, page, close };
  } catch (err) {
    await close();
    throw err;
  }
}
