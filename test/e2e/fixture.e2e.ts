// Harness self-test with a tiny fixture extension (test/e2e/fixture-ext): .vsix packaging and
// install, an extension command from the palette, a password input box, a toast and its
// button, the clipboard, a status bar item, the output channel log, and an extension entry
// in the Explorer context menu. These are the moves the Feishu Upload e2e test will make.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  clickContextMenuItem,
  clickToastButton,
  defaultCacheDir,
  makeTempDir,
  openWorkbench,
  pickQuickPickItem,
  packageVsix,
  readClipboard,
  repoRoot,
  tearDown,
  rightClickExplorerItem,
  runCommand,
  screenshot,
  startCodeServer,
  statusBarItem,
  typeInQuickInput,
  waitForOutputChannelText,
  waitForToast,
  type CodeServer,
  type Workbench,
} from './harness';

const root = repoRoot();
const artifactsDir = process.env.FEISHU_E2E_ARTIFACTS ?? join(root, 'artifacts', 'e2e', 'fixture');
const CHANNEL = 'Feishu E2E Fixture';

let tmp = '';
let server: CodeServer | undefined;
let wb: Workbench | undefined;

before(async () => {
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  tmp = makeTempDir('feishu-e2e-fixture-');
  // Stage the fixture: its manifest from the source tree, its code as compiled by tsc.
  const stage = join(tmp, 'ext');
  mkdirSync(stage);
  copyFileSync(join(root, 'test', 'e2e', 'fixture-ext', 'package.json'), join(stage, 'package.json'));
  copyFileSync(join(__dirname, 'fixture-ext', 'extension.js'), join(stage, 'extension.js'));
  writeFileSync(join(stage, 'README.md'), '# Feishu E2E Fixture\n\nTest-only extension.\n');
  const vsixPath = await packageVsix(root, stage, join(tmp, 'fixture.vsix'), ['--no-dependencies']);

  const workspaceDir = join(tmp, 'ws');
  mkdirSync(workspaceDir);
  writeFileSync(join(workspaceDir, 'hello.txt'), 'x'.repeat(42));
  server = await startCodeServer({ cacheDir: defaultCacheDir(), vsixPath, workspaceDir, userSettings: {}, artifactsDir });
  wb = await openWorkbench(server.url, { artifactsDir });
});

after(async () => {
  await tearDown({ wb, server, tempDir: tmp || undefined });
});

function ctx(): { page: Workbench['page']; logsDir: string } {
  assert.ok(wb && server, 'workbench did not open');
  return { page: wb.page, logsDir: server.logsDir };
}

void test('status bar item appears once the extension host runs', { timeout: 90_000 }, async () => {
  // The extension host starts only after the browser connects: wait on the item, not a timer.
  const item = statusBarItem(ctx().page, 'feishu-upload-e2e.feishu-e2e-fixture.status');
  await item.filter({ hasText: 'Fixture ready' }).waitFor({ state: 'visible', timeout: 60_000 });
  await waitForOutputChannelText(ctx().logsDir, CHANNEL, 'fixture activated');
});

void test('palette command, password box, toast button, clipboard', { timeout: 60_000 }, async () => {
  const { page, logsDir } = ctx();
  await runCommand(page, 'E2E Fixture: Ask Secret');
  await typeInQuickInput(page, 's3cret!', { password: true, prompt: 'Fixture secret' });
  const toast = await waitForToast(page, 'Stored secret of 7 chars');
  await screenshot(page, '01-toast');
  await clickToastButton(toast, 'Copy Length');
  assert.equal(await readClipboard(page), '7');
  await waitForOutputChannelText(logsDir, CHANNEL, 'secret stored (7 chars)');
});

void test('quick pick by exact label', { timeout: 60_000 }, async () => {
  const { page } = ctx();
  await runCommand(page, 'E2E Fixture: Pick Color');
  await pickQuickPickItem(page, 'Green'); // not "Green-ish", though both match a fuzzy filter
  await waitForToast(page, /Picked Green(?!-ish)/);
});

void test('Explorer context menu runs an extension command', { timeout: 60_000 }, async () => {
  const { page } = ctx();
  await rightClickExplorerItem(page, 'hello.txt');
  await screenshot(page, '02-context-menu');
  await clickContextMenuItem(page, 'Fixture File Info');
  await waitForToast(page, 'hello.txt: 42 bytes');
  await statusBarItem(page, 'feishu-upload-e2e.feishu-e2e-fixture.status').filter({ hasText: 'hello.txt' }).waitFor();
});
