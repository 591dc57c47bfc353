// Steps every product journey takes, beside lib/ui.ts's journey(), settled() and dismissToasts(): its preparation,
// waiting for our commands to register, saving the app's credentials, opening a context menu once our items are
// in it, the folder picker at a level, the Feishu Uploads view.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startCodeServer, type CodeServer } from './codeServer';
import { defaultCacheDir, pollUntil } from './env';
import { makeTempDir } from './procs';
import { contextMenuItem, rightClickExplorerItem, runCommand, typeInQuickInput, waitForToast } from './ui';
import { packageVsix } from './vsix';
import { openWorkbench, type Workbench } from './workbench';

/**
 * Runs a command of ours from the palette once the extension host has registered it (10-25 s after the page
 * loads, longer on a busy machine); an open palette does not refresh, so it is reopened until the command shows.
 */
export async function runCommandWhenReady(p: Page, title: string): Promise<void> {
  await pollUntil(
    `"${title}" in the palette`,
    async () => {
      try {
        await runCommand(p, title, { timeout: 10_000 });
        return true;
      } catch {
        await p.keyboard.press('Escape');
        return undefined;
      }
    },
    { timeoutMs: 150_000, intervalMs: 500 },
  );
}

/** Feishu: Set App Credentials from the palette (once our commands are there), until the saved toast shows. */
export async function setAppCredentials(p: Page, app: { appId: string; appSecret: string }): Promise<void> {
  await runCommandWhenReady(p, 'Feishu: Set App Credentials');
  await typeInQuickInput(p, app.appId, { prompt: /App ID/ });
  await typeInQuickInput(p, app.appSecret, { password: true, prompt: /App Secret/ });
  await waitForToast(p, `Feishu app credentials saved. Uploads now use the app ${app.appId}.`);
}

/**
 * Right-clicks until the menu holds `label`: a menu opened before the extension host registered our
 * contributions lacks them and does not refresh.
 */
export async function openContextMenuWith(p: Page, name: string, label: string): Promise<void> {
  await pollUntil(
    `"${label}" in the context menu`,
    async () => {
      await rightClickExplorerItem(p, name, { timeout: 60_000 });
      const shown = await contextMenuItem(p, label)
        .first()
        .waitFor({ state: 'visible', timeout: 3_000 })
        .then(() => true)
        .catch(() => undefined);
      if (!shown) await p.keyboard.press('Escape');
      return shown;
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
}

/**
 * What every journey starts with: a clean artifacts folder, a temp folder, and the .vsix a user would install (the
 * production bundle, packaged by vsce from the repo as `npm run package` does).
 */
export async function prepareJourney(root: string, artifactsDir: string, tempPrefix: string): Promise<{ tmp: string; vsixPath: string }> {
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  const tmp = makeTempDir(tempPrefix);
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
  const vsixPath = await packageVsix(root, root, join(tmp, 'feishu-upload.vsix'), ['--no-dependencies']);
  return { tmp, vsixPath };
}

/** A journey's VS Code: code-server with the .vsix installed, over its own workspace, and the browser on it. */
export interface JourneyWindow {
  workspaceDir: string;
  server: CodeServer;
  wb: Workbench;
}

/**
 * After prepareJourney: writes the workspace (`files`: a path inside it → its content; folders made as needed) in
 * `<tmp>/ws`, starts code-server with the .vsix and `userSettings`, and opens the browser on it. A
 * `persistentProfile` keeps the browser's profile on disk, so what lives in the browser (SecretStorage) survives a
 * window reload.
 */
export async function openJourneyWindow(options: {
  tmp: string;
  vsixPath: string;
  artifactsDir: string;
  files: Record<string, string | Uint8Array>;
  userSettings: Record<string, unknown>;
  persistentProfile?: boolean;
}): Promise<JourneyWindow> {
  const workspaceDir = join(options.tmp, 'ws');
  mkdirSync(workspaceDir, { recursive: true });
  for (const [path, content] of Object.entries(options.files)) {
    mkdirSync(dirname(join(workspaceDir, path)), { recursive: true });
    writeFileSync(join(workspaceDir, path), content);
  }
  const { vsixPath, artifactsDir, userSettings } = options;
  const server = await startCodeServer({ cacheDir: defaultCacheDir(), vsixPath, workspaceDir, artifactsDir, userSettings });
  const wb = await openWorkbench(server.url, { artifactsDir, ...(options.persistentProfile ? { browserContextDir: join(options.tmp, 'profile') } : {}) });
  return { workspaceDir, server, wb };
}

/** Waits until the open quick pick (the folder picker) is titled `title` and has finished loading (`row` is there). */
export async function pickerAt(p: Page, title: string, row: string | RegExp): Promise<void> {
  const widget = p.locator('.quick-input-widget');
  await widget.locator('.quick-input-title', { hasText: title }).waitFor({ state: 'visible', timeout: 30_000 });
  await widget.locator('.quick-input-list .monaco-list-row', { hasText: row }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** The rows of the Feishu Uploads view (an Explorer section), expanded first if it is collapsed. */
export async function uploadsViewRows(p: Page): Promise<Locator> {
  const header = p.locator('.pane-header', { hasText: 'Feishu Uploads' });
  await header.waitFor({ state: 'visible', timeout: 30_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  return p.locator('.pane', { has: header }).locator('.monaco-list-row');
}
