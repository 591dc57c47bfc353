// UI helpers for the VS Code 1.139 web workbench. Every wait is on visible state.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { pollUntil } from './env';
import { artifactsDirOf, type Workbench } from './workbench';

const DEFAULT_TIMEOUT = 30_000;

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Exact (whole-text, whitespace-trimmed) match for a string; a RegExp is used as is. */
function exact(text: string | RegExp): RegExp {
  return typeof text === 'string' ? new RegExp(`^\\s*${escapeRegex(text)}\\s*$`) : text;
}

function cssString(s: string): string {
  return JSON.stringify(s); // a valid CSS string literal for attribute selectors
}

const QUICK_INPUT = '.quick-input-widget';

/**
 * Runs a command from the F1 palette by its full title as the palette shows it
 * (e.g. "View: Toggle Word Wrap", "Feishu: Set App Secret"). Clicks the row whose label
 * is exactly `title` (Enter could pick a fuzzier match ranked first). Resolves once the
 * palette has closed or been replaced by the command's own quick input.
 */
export async function runCommand(page: Page, title: string, { timeout = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const widget = page.locator(QUICK_INPUT);
  const input = widget.locator('.quick-input-box input');
  // A key press can get lost while the workbench is still settling focus: press F1 until
  // the palette shows a '>' query (F1 also replaces any other open quick input).
  await pollUntil(
    'the command palette',
    async () => {
      const v = (await widget.isVisible()) ? await input.inputValue({ timeout: 500 }).catch(() => '') : '';
      if (v.startsWith('>')) return true;
      await page.keyboard.press('F1');
      return undefined;
    },
    { timeoutMs: timeout, intervalMs: 500 },
  );
  await input.fill(`>${title}`);
  const row = widget
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact(title) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout });
  await row.click();
  // Wait until the palette is gone or became another quick input (no longer a '>' query).
  await pollUntil(
    `palette to close after "${title}"`,
    async () => {
      if (!(await widget.isVisible())) return true;
      const v = await input.inputValue({ timeout: 500 }).catch(() => '');
      return v.startsWith('>') ? undefined : true;
    },
    { timeoutMs: timeout },
  );
}

export interface QuickInputOptions {
  /** Wait for an input[type=password] box (showInputBox({password: true})). */
  password?: boolean;
  /** Wait until the prompt/validation line (.quick-input-message) shows this first. */
  prompt?: string | RegExp;
  timeout?: number;
}

/** Types into the open input box / quick pick and presses Enter. */
export async function typeInQuickInput(page: Page, text: string, opts: QuickInputOptions = {}): Promise<void> {
  const timeout = opts.timeout ?? DEFAULT_TIMEOUT;
  const widget = page.locator(QUICK_INPUT);
  await widget.waitFor({ state: 'visible', timeout });
  if (opts.prompt !== undefined) {
    await widget.locator('.quick-input-message', { hasText: opts.prompt }).waitFor({ state: 'visible', timeout });
  }
  const input = opts.password
    ? widget.locator('input[type="password"]')
    : widget.locator('.quick-input-box input');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(text);
  await input.press('Enter');
  // Done when the widget closed or moved on to a next step (its value no longer ours).
  await pollUntil(
    'quick input to accept',
    async () => {
      if (!(await widget.isVisible())) return true;
      const v = await input.inputValue({ timeout: 500 }).catch(() => '');
      return v === text ? undefined : true;
    },
    { timeoutMs: timeout },
  );
}

/**
 * Picks an item of an open showQuickPick by its exact label (click, not Enter: the first
 * row need not be the one we want). Optional `filter` is typed first to narrow long lists.
 */
export async function pickQuickPickItem(
  page: Page,
  label: string | RegExp,
  { filter, timeout = DEFAULT_TIMEOUT }: { filter?: string; timeout?: number } = {},
): Promise<void> {
  const widget = page.locator(QUICK_INPUT);
  await widget.waitFor({ state: 'visible', timeout });
  if (filter !== undefined) await widget.locator('.quick-input-box input').fill(filter);
  const row = widget
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: exact(label) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout });
  await row.click();
  await row.waitFor({ state: 'hidden', timeout }); // picker closed (or moved to its next step)
}

/** An Explorer row by its file or folder name (only rows currently rendered, i.e. expanded parents). */
export function explorerItem(page: Page, name: string): Locator {
  return page.locator(`.explorer-folders-view .monaco-list-row[aria-label=${cssString(name)}]`);
}

/** Right-clicks an Explorer row and waits for the context menu. */
export async function rightClickExplorerItem(page: Page, name: string, { timeout = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const row = explorerItem(page, name);
  await row.waitFor({ state: 'visible', timeout });
  await row.click({ button: 'right' });
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'visible', timeout });
}

/** The items of the open context menu (menus show titles without the command category). */
export function contextMenuItem(page: Page, label: string | RegExp): Locator {
  return page.locator('.context-view .monaco-menu .action-item .action-label', { hasText: exact(label) });
}

/**
 * Clicks an item of the open context menu and waits for the menu to close. The menu ignores a click that
 * comes right after it opened (seen on a busy machine: the item gets focus, nothing runs), so an unanswered
 * click is repeated until the menu closes.
 */
export async function clickContextMenuItem(page: Page, label: string | RegExp, { timeout = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const item = contextMenuItem(page, label).first();
  const menu = page.locator('.context-view .monaco-menu');
  await item.waitFor({ state: 'visible', timeout });
  await pollUntil(
    'the context menu to take the click',
    async () => {
      if (!(await menu.isVisible())) return true;
      await item.click({ timeout: 2_000 }).catch(() => undefined);
      return menu.waitFor({ state: 'hidden', timeout: 2_000 }).then(
        () => true,
        () => undefined,
      );
    },
    { timeoutMs: timeout, intervalMs: 100 },
  );
}

/** Waits for a notification toast containing the text and returns it. */
export async function waitForToast(page: Page, text: string | RegExp, { timeout = DEFAULT_TIMEOUT } = {}): Promise<Locator> {
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
  await toast.waitFor({ state: 'visible', timeout });
  return toast;
}

/**
 * A message the extension showed, as a toast or, when VS Code kept it from showing as one (its notification
 * spam protection drops toasts past 3 in 800 ms; they go to the notification centre only), in the centre.
 * Fails when it is in neither: the message was never shown.
 */
export async function waitForMessage(page: Page, text: string | RegExp, { timeout = DEFAULT_TIMEOUT } = {}): Promise<'toast' | 'centre'> {
  try {
    await waitForToast(page, text, { timeout });
    return 'toast';
  } catch (err) {
    const notices = await notificationCentre(page);
    await runCommand(page, 'Notifications: Hide Notifications');
    const found = notices.some((n) => (typeof text === 'string' ? n.includes(text) : text.test(n)));
    if (!found) throw err;
    console.error(`[e2e] "${String(text)}" was shown in the notification centre, without a toast; the centre:\n  ${notices.join('\n  ')}`);
    return 'centre';
  }
}

/** Clicks a button of a toast (e.g. "Copy Link") and waits for the toast to go away. */
export async function clickToastButton(toast: Locator, label: string | RegExp, { timeout = DEFAULT_TIMEOUT } = {}): Promise<void> {
  const button = toast.locator('.monaco-button', { hasText: exact(label) }).first();
  await button.waitFor({ state: 'visible', timeout });
  await button.click();
  await toast.waitFor({ state: 'hidden', timeout });
}

/** Status bar entry by its full id "<publisher>.<name>.<item id>" ([id=…]: the id has dots). */
export function statusBarItem(page: Page, id: string): Locator {
  return page.locator(`.statusbar-item[id=${cssString(id)}]`);
}

/**
 * Reads the clipboard, polling until it is non-empty and differs from `notEqual`
 * (writes from a button click land asynchronously).
 */
export async function readClipboard(
  page: Page,
  { notEqual = '', timeout = 5_000 }: { notEqual?: string; timeout?: number } = {},
): Promise<string> {
  return pollUntil(
    'clipboard text',
    async () => {
      const text = await page.evaluate<string>('navigator.clipboard.readText()');
      return text && text !== notEqual ? text : undefined;
    },
    { timeoutMs: timeout, intervalMs: 200 },
  );
}

/** Full-page PNG into the artifacts dir given to openWorkbench; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = artifactsDirOf(page);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Waits until a toast has finished sliding in: fully opaque and in the same place on two looks in a row. */
export async function settled(toast: Locator): Promise<void> {
  let last = '';
  await pollUntil(
    'the toast to settle',
    async () => {
      const box = await toast.boundingBox();
      // Runs in the page; the project compiles without DOM types, hence the narrow cast.
      const opacity = await toast.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string } }).getComputedStyle(el).opacity);
      const now = `${JSON.stringify(box)} ${opacity}`;
      const stable = opacity === '1' && now === last;
      last = now;
      return stable ? true : undefined;
    },
    { timeoutMs: 10_000, intervalMs: 150 },
  );
}

/** Closes the toasts on screen, so the next wait cannot match an old one. */
export async function dismissToasts(page: Page): Promise<void> {
  await runCommand(page, 'Notifications: Clear All Notifications');
  const toasts = page.locator('.notifications-toasts .notification-toast');
  await pollUntil('toasts cleared', async () => ((await toasts.count()) === 0 ? true : undefined), { timeoutMs: 10_000 });
}

/** Opens the notification centre (left open) and returns its messages, newest first. */
export async function notificationCentre(page: Page): Promise<string[]> {
  await runCommand(page, 'Notifications: Show Notifications');
  const center = page.locator('.notifications-center');
  await center.waitFor({ state: 'visible', timeout: 5_000 });
  return center.locator('.notification-list-item-message').allInnerTexts();
}

/**
 * The steps of a journey over one workbench: `step(name, timeout, body)` is a test whose failure leaves a
 * screenshot named after it (for triage in CI); `page()` is the workbench page, failing when it did not open.
 */
export function journey(workbench: () => Workbench | undefined): {
  step(name: string, timeout: number, body: () => Promise<void>): void;
  page(): Page;
} {
  const page = (): Page => {
    const wb = workbench();
    if (!wb) throw new Error('the workbench did not open');
    return wb.page;
  };
  const step = (name: string, timeout: number, body: () => Promise<void>): void => {
    void test(name, { timeout }, async () => {
      try {
        await body();
      } catch (err) {
        const wb = workbench();
        if (wb) {
          const tag = `failed-${name.slice(0, 2).replace(/\W/g, '')}`;
          await screenshot(wb.page, tag).catch(() => undefined);
          // What reached the notification centre without a toast is the usual clue when a toast never shows.
          const notices = await notificationCentre(wb.page).catch((e: unknown) => [`(could not read: ${String(e)})`]);
          await screenshot(wb.page, `${tag}-notifications`).catch(() => undefined);
          // Closed again: toasts do not show while the centre is open, and later steps wait for toasts.
          await runCommand(wb.page, 'Notifications: Hide Notifications').catch(() => undefined);
          console.error(`[e2e] notification centre after "${name}":\n  ${notices.join('\n  ') || '(empty)'}`);
        }
        throw err;
      }
    });
  };
  return { step, page };
}
