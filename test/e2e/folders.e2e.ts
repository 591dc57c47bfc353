// Where files go, in a real VS Code (code-server) driven by a real browser, against the Feishu emulator: the
// folder picker walks into a folder, makes a new one and uploads a folder tree there from the Explorer; the
// tree is checked in the emulator; the Feishu Uploads view lists the files with working actions; Copy Last Link;
// a second upload of the tree to the recent folder asks about conflicts and skips every file. Screenshots of every
// new piece of UI land in artifacts/e2e/folders/.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator';
import {
  clickContextMenuItem,
  clickToastButton,
  dismissToasts,
  journey,
  openContextMenuWith,
  openJourneyWindow,
  pickerAt,
  pickQuickPickItem,
  pollUntil,
  prepareJourney,
  readClipboard,
  repoRoot,
  runCommand,
  screenshot,
  setAppCredentials,
  settled,
  tearDown,
  uploadsViewRows,
  waitForToast,
  type CodeServer,
  type Workbench,
} from './harness';
import { treeLines } from '../helpers/folderTree';

const root = repoRoot();
const artifactsDir = process.env.FEISHU_E2E_ARTIFACTS ?? join(root, 'artifacts', 'e2e', 'folders');
const SLOW = 120_000;
const QUICK_INPUT = '.quick-input-widget';

let emu: Emulator;
let tmp = '';
let server: CodeServer | undefined;
let wb: Workbench | undefined;
let team = '';
/** The folder step 2 made and uploaded into. */
let release = '';

before(async () => {
  let vsixPath: string;
  ({ tmp, vsixPath } = await prepareJourney(root, artifactsDir, 'feishu-e2e-folders-'));
  emu = await startEmulator({ tenantUrl: 'https://acme.feishu.cn' });
  // The app's own My Space: what the app made.
  team = emu.addFolder({ name: 'Team', owner: 'app' });
  emu.addFolder({ name: 'Archive', owner: 'app' });
  emu.addFolder({ name: 'Design reviews', owner: 'app', parent: team });
  ({ server, wb } = await openJourneyWindow({
    tmp,
    vsixPath,
    artifactsDir,
    files: {
      'project/README.md': '# Project\n',
      'project/docs/README.md': '# Docs\n',
      'project/docs/api/README.md': '# API\n',
      'project/src/main.ts': 'export {};\n',
    },
    // No default folder: the picker is how files find their place. Conflicts are asked about.
    userSettings: { 'feishu.apiBaseUrl': emu.url, 'feishu.onConflict': 'ask' },
  }));
});

after(async () => {
  await tearDown({ wb, server, tempDir: tmp || undefined });
  await emu?.close();
});

const { step, page } = journey(() => wb);

function uploadCalls(): number {
  return Object.entries(emu.stats().calls)
    .filter(([k]) => /upload_(all|prepare|part|finish)$/.test(k))
    .reduce((sum, [, v]) => sum + v, 0);
}

step('1. Set App Credentials from the palette', 200_000, async () => {
  await setAppCredentials(page(), emu);
});

step('2. Upload to Feishu Folder… on a folder: walk into Team, make "Release 1", upload the tree there', SLOW, async () => {
  const p = page();
  await dismissToasts(p);
  await openContextMenuWith(p, 'project', 'Upload to Feishu Folder…');
  await clickContextMenuItem(p, 'Upload to Feishu Folder…');
  await pickerAt(p, 'Upload to Feishu Folder: My Space', 'Team');
  await screenshot(p, '01-picker-my-space');
  await pickQuickPickItem(p, /Team$/);
  await pickerAt(p, 'Upload to Feishu Folder: My Space / Team', 'Design reviews');
  await screenshot(p, '02-picker-in-team');
  await pickQuickPickItem(p, /New folder…$/);
  await p.locator(QUICK_INPUT).locator('.quick-input-message', { hasText: 'Name of the new Feishu folder' }).waitFor();
  await p.locator(`${QUICK_INPUT} .quick-input-box input`).fill('Release 1');
  await screenshot(p, '03-new-folder-name');
  await p.locator(`${QUICK_INPUT} .quick-input-box input`).press('Enter');
  await pickerAt(p, 'Upload to Feishu Folder: My Space / Team / Release 1', 'No folders here yet.');
  await screenshot(p, '04-picker-in-new-folder');
  await pickQuickPickItem(p, /Upload here$/);
  const done = await waitForToast(p, '4 files uploaded to Feishu.', { timeout: 60_000 });
  await settled(done);
  await screenshot(p, '05-tree-uploaded');

  // The tree in the emulator: Team / Release 1 / project / …, each README in its own folder.
  const made = emu.folderTree(team)?.folders.find((f) => f.name === 'Release 1');
  assert.ok(made, 'Release 1 was made in Team');
  release = made.token;
  assert.deepEqual(treeLines(made), ['project/', 'project/README.md', 'project/docs/', 'project/docs/README.md', 'project/docs/api/', 'project/docs/api/README.md', 'project/src/', 'project/src/main.ts']);
});

step('3. the Feishu Uploads view lists the files; Copy Link on an item; Feishu: Copy Last Link', SLOW, async () => {
  const p = page();
  await dismissToasts(p);
  const rows = await uploadsViewRows(p);
  await pollUntil('the four uploads in the view', async () => ((await rows.count()) === 4 ? true : undefined), { timeoutMs: 30_000 });
  const mainTs = rows.filter({ hasText: 'main.ts' }).first();
  await mainTs.hover();
  await screenshot(p, '06-uploads-view');
  // The item's description names where it went.
  assert.match((await mainTs.textContent()) ?? '', /main\.ts.*… \/ project \/ src/);

  await mainTs.click({ button: 'right' });
  await p.locator('.context-view .monaco-menu').waitFor({ state: 'visible' });
  await screenshot(p, '07-uploads-view-menu');
  await clickContextMenuItem(p, 'Copy Link');
  const link = await readClipboard(p);
  const stored = emu.listFiles().find((f) => f.name === 'main.ts');
  assert.equal(link, `https://acme.feishu.cn/file/${stored?.fileToken}`, "Feishu's own link, on the tenant's domain");

  // The newest upload is the batch's last file, main.ts again: clear the clipboard first to see the copy land.
  await p.evaluate("navigator.clipboard.writeText('cleared')");
  await runCommand(p, 'Feishu: Copy Last Link');
  assert.equal(await readClipboard(p, { notEqual: 'cleared' }), link);
  await p.evaluate("navigator.clipboard.writeText('cleared')");
});

step('4. the same tree to the recent folder again: asked about the first conflict, "Skip All", nothing sent', SLOW, async () => {
  const p = page();
  await dismissToasts(p);
  const before = uploadCalls();
  await openContextMenuWith(p, 'project', 'Upload to Feishu Folder…');
  await clickContextMenuItem(p, 'Upload to Feishu Folder…');
  await pickerAt(p, 'Upload to Feishu Folder: My Space', 'Recent folders');
  await screenshot(p, '08-picker-recent-folders');
  await pickQuickPickItem(p, /My Space \/ Team \/ Release 1$/);
  const dialog = p.locator('.monaco-dialog-box', { hasText: 'is already in the Feishu folder' });
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  assert.match((await dialog.textContent()) ?? '', /"README\.md" is already in the Feishu folder "My Space \/ Team \/ Release 1 \/ project"\./);
  await screenshot(p, '09-conflict-question');
  await dialog.locator('.monaco-button', { hasText: /^Skip All$/ }).click();
  const summary = await waitForToast(p, 'Nothing new to upload. 4 skipped: already in the Feishu folder.', { timeout: 60_000 });
  await settled(summary);
  await screenshot(p, '10-all-skipped');
  assert.equal(uploadCalls(), before, 'no upload call at all');
  assert.equal(treeLines(emu.folderTree(release)).length, 8, 'the tree is unchanged');
  await clickToastButton(summary, 'Copy All Links');
  const links = (await readClipboard(p, { notEqual: 'cleared' })).trim().split('\n');
  assert.equal(links.length, 4);
  assert.ok(links.every((l) => /^\[[^\]]+\]\(https:\/\/acme\.feishu\.cn\/file\/\w+\)$/.test(l)), links.join('\n'));
});
