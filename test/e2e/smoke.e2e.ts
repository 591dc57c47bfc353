// Smoke test of the e2e harness against a plain code-server (no extension of ours needed):
// workbench loads, Explorer rows, command palette, a built-in command, Explorer context
// menu, clipboard, screenshots. Run: scripts/e2e/run.sh (or node out/test/e2e/smoke.e2e.js
// after setup.sh + compile). Uses node:test so failures set the exit code and CI reads the summary.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickContextMenuItem,
  contextMenuItem,
  defaultCacheDir,
  explorerItem,
  makeTempDir,
  openWorkbench,
  readClipboard,
  repoRoot,
  tearDown,
  rightClickExplorerItem,
  runCommand,
  screenshot,
  startCodeServer,
  type CodeServer,
  type Workbench,
} from './harness';

const artifactsDir = process.env.FEISHU_E2E_ARTIFACTS ?? join(repoRoot(), 'artifacts', 'e2e', 'smoke');

let workspaceDir = '';
let server: CodeServer | undefined;
let wb: Workbench | undefined;

before(async () => {
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  // Removed in after(), or by the harness's exit hook if the run is killed.
  workspaceDir = makeTempDir('feishu-e2e-ws-');
  writeFileSync(join(workspaceDir, 'hello.txt'), 'Hello from the Feishu Upload e2e smoke test.\n');
  writeFileSync(join(workspaceDir, 'notes.md'), '# Notes\n\nA second file for the Explorer.\n');
  server = await startCodeServer({ cacheDir: defaultCacheDir(), workspaceDir, userSettings: {}, artifactsDir });
  wb = await openWorkbench(server.url, { artifactsDir });
});

after(async () => {
  await tearDown({ wb, server, tempDir: workspaceDir || undefined });
});

function page(): Workbench['page'] {
  assert.ok(wb, 'workbench did not open');
  return wb.page;
}

void test('Explorer shows the workspace files', { timeout: 90_000 }, async () => {
  // The Explorer fills only after the server's file service answers (after the extension host starts).
  await explorerItem(page(), 'hello.txt').waitFor({ state: 'visible', timeout: 60_000 });
  await explorerItem(page(), 'notes.md').waitFor({ state: 'visible', timeout: 10_000 });
  await screenshot(page(), '01-workbench');
});

void test('command palette runs a built-in command', { timeout: 60_000 }, async () => {
  await runCommand(page(), 'Preferences: Open User Settings (JSON)');
  // The editor shows our settings.json, which proves both the command and the settings we wrote.
  await page().locator('.tabs-container .tab', { hasText: 'settings.json' }).waitFor({ state: 'visible' });
  await page().locator('.editor-instance .view-lines', { hasText: 'workbench.startupEditor' }).waitFor({ state: 'visible' });
  await screenshot(page(), '02-settings-json');
});

void test('Explorer context menu and clipboard', { timeout: 60_000 }, async () => {
  await rightClickExplorerItem(page(), 'notes.md');
  await contextMenuItem(page(), 'Rename...').waitFor({ state: 'visible' });
  await screenshot(page(), '03-context-menu');
  await clickContextMenuItem(page(), 'Copy Path');
  assert.equal(await readClipboard(page()), join(workspaceDir, 'notes.md'));
});
