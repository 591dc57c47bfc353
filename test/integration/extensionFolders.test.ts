import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { Emulator } from '../../src/emulator';
import type { HistoryEntry } from '../../src/vscode/history/UploadHistory';
import { ExtensionHost } from '../helpers/extensionHost';
import type { FakeUri } from '../helpers/fakeVscode';
import { treeLines } from '../helpers/folderTree';

// The folder picker, folder trees, the conflict policy, link sharing and the Feishu Uploads view, through the real
// command handlers with a scripted `vscode` and the emulator on loopback.
const host = new ExtensionHost();
const fake = host.fake;
let emu: Emulator;
const file = (...parts: string[]): FakeUri => host.file(...parts);


function uploadCalls(before: Record<string, number>): number {
  return Object.entries(emu.stats().calls)
    .filter(([k]) => /upload_(all|prepare|part|finish)$/.test(k))
    .reduce((sum, [k, v]) => sum + v - (before[k] ?? 0), 0);
}

/** The view's items as VS Code would render them. */
function viewItems(): { label: string; description?: string; tooltip?: string; contextValue?: string; entry: HistoryEntry }[] {
  const provider = fake.treeViews.get('feishu.uploads');
  assert.ok(provider, 'the Feishu Uploads view is registered');
  return (provider.getChildren() as HistoryEntry[]).map((entry) => ({ ...(provider.getTreeItem(entry) as { label: string }), entry }));
}

before(async () => {
  await host.start();
  emu = host.emu;
  const ws = host.ws;
  for (const dir of ['project/a/b', 'project/c', 'project/empty']) mkdirSync(join(ws, dir), { recursive: true });
  writeFileSync(join(ws, 'project', 'README.md'), 'top');
  writeFileSync(join(ws, 'project', 'a', 'README.md'), 'one');
  writeFileSync(join(ws, 'project', 'a', 'b', 'README.md'), 'two');
  writeFileSync(join(ws, 'project', 'c', 'notes.txt'), 'notes');
  writeFileSync(join(ws, 'single.txt'), 'single');
});

after(() => host.stop());

beforeEach(async () => {
  await host.activate();
  host.signIn();
});

void test('the picker walks into a folder, creates one there and uploads the tree into it, folder by folder', async () => {
  // The app's own My Space holds what the app made (a person's folders are theirs, shared or not).
  const team = emu.addFolder({ name: 'Team', owner: 'app' });
  emu.addFolder({ name: 'Archive', owner: 'app' });
  fake.picks = ['Team', 'New folder…', 'Upload here'];
  fake.inputs = ['Release 1'];
  await fake.run('feishu.uploadToFolder', file('project'), [file('project')]);
  assert.deepEqual(fake.problems, []);
  const release = emu.folderTree(team)?.folders.find((f) => f.name === 'Release 1');
  assert.ok(release, 'the new folder is in Team');
  assert.deepEqual(treeLines(release), ['project/', 'project/README.md', 'project/a/', 'project/a/README.md', 'project/a/b/', 'project/a/b/README.md', 'project/c/', 'project/c/notes.txt', 'project/empty/']);
  // What the picker showed: My Space with its folders, then Team (with Up), then the new folder.
  const [start, inTeam, inRelease] = fake.quickPicks;
  assert.equal(start.title, 'Upload to Feishu Folder: My Space');
  assert.deepEqual(start.items.slice(0, 2).map((i) => i.label), ['$(cloud-upload) Upload here', '$(new-folder) New folder…']);
  assert.ok(start.items.some((i) => i.label === '$(folder) Archive') && start.items.some((i) => i.label === '$(folder) Team'));
  assert.equal(start.items[0].description, "My Space: the app's own, which people cannot browse", 'said where My Space is chosen');
  assert.equal(inTeam.title, 'Upload to Feishu Folder: My Space / Team');
  assert.deepEqual(inTeam.items.slice(0, 3).map((i) => [i.label, i.description]), [
    ['$(cloud-upload) Upload here', 'My Space / Team'],
    ['$(new-folder) New folder…', 'in Team'],
    ['$(arrow-up) Up', 'My Space'],
  ]);
  assert.deepEqual(inTeam.items.filter((i) => i.label === 'No folders here yet.').length, 1);
  assert.equal(inRelease.title, 'Upload to Feishu Folder: My Space / Team / Release 1');
  assert.ok(fake.shown.some((s) => s.text === '4 files uploaded to Feishu.'));
  assert.deepEqual(emu.violations(), []);
});

void test('Upload to Feishu Folder… asks even with a default folder; a pasted link is taken; the folder becomes a recent one', async () => {
  const shared = emu.addFolder({ name: 'Shared' });
  fake.userSettings['feishu.defaultFolder'] = 'root';
  fake.picks = [{ value: `https://emulator-tenant.feishu.cn/drive/folder/${shared}` }];
  await fake.run('feishu.uploadToFolder', file('single.txt'));
  assert.equal(emu.listFiles().find((f) => f.name === 'single.txt')?.parentNode, shared);
  const pasted = fake.quickPicks[0].items[0];
  assert.deepEqual(pasted, { label: '$(link) Use this folder', description: shared });
  // Next time it is offered at the top, named by Feishu (metas), and choosing it uploads there at once.
  fake.quickPicks.length = 0;
  fake.picks = ['Shared'];
  await fake.run('feishu.uploadToFolder', file('single.txt'));
  const start = fake.quickPicks[0].items;
  assert.deepEqual(start.slice(2, 4), [
    { label: 'Recent folders', description: undefined, separator: true },
    { label: '$(history) Shared', description: undefined },
  ]);
  assert.equal(emu.listFiles().filter((f) => f.name === 'single.txt' && f.parentNode === shared).length, 2);
  assert.deepEqual(fake.problems, []);
});

void test('a pasted link that is not a folder says why and cannot be chosen', async () => {
  fake.picks = [{ value: 'https://acme.feishu.cn/docx/doxcnAbcdefgh' }, undefined];
  await fake.run('feishu.uploadToFolder', file('single.txt'));
  // The typed row is a warning (no action): Enter does nothing, Escape ends it quietly.
  assert.equal(emu.listFiles().length, 0);
  assert.ok(!fake.shown.some((s) => s.severity === 'error'), 'Escape is not an error');
});

void test('the first upload with no default folder uses the picker and offers to remember the choice as its link', async () => {
  const docs = emu.addFolder({ name: 'Docs', owner: 'app' });
  fake.picks = ['Docs', 'Upload here'];
  fake.answer = (s) => (s.text.startsWith('Upload to this folder from now on?') ? 'Remember for This Workspace' : undefined);
  await fake.run('feishu.upload', file('single.txt'));
  assert.equal(emu.listFiles()[0]?.parentNode, docs);
  await fake.waitFor(() => fake.settingsWritten.length > 0, 'the folder to be remembered');
  assert.deepEqual(fake.settingsWritten, [{ key: 'feishu.defaultFolder', value: `${emu.tenantUrl}/drive/folder/${docs}`, target: 2 }]);
});

void test('Change Upload Folder…: the picker, and the choice written where the setting is', async () => {
  const target = emu.addFolder({ name: 'Target', owner: 'app' });
  fake.picks = ['Target', 'Upload here'];
  await fake.run('feishu.changeFolder');
  assert.deepEqual(fake.settingsWritten, [{ key: 'feishu.defaultFolder', value: `${emu.tenantUrl}/drive/folder/${target}`, target: 1 }]);
  assert.deepEqual(fake.statusMessages, ['Uploads now go to My Space / Target.']);
  fake.settingsWritten.length = 0;
  fake.workspaceSettings['feishu.defaultFolder'] = 'root';
  fake.picks = ['Upload here'];
  await fake.run('feishu.changeFolder');
  assert.deepEqual(fake.settingsWritten, [{ key: 'feishu.defaultFolder', value: 'root', target: 2 }], "the workspace's own value is the one changed");
});

void test('New folder… refuses a name Feishu would not take, in the input box', async () => {
  fake.picks = ['New folder…', undefined];
  fake.inputs = ['x'.repeat(300)];
  await fake.run('feishu.uploadToFolder', file('single.txt'));
  assert.match(fake.inputPrompts[0].problem ?? '', /^Feishu cannot name a folder like this\. "x{40}…" has 300 bytes\. Use a name of 1 to 256 bytes/);
  assert.equal(emu.listFiles().length, 0);
});

void test('a folder the identity may not list: the reason in its place; the picker goes on', async () => {
  emu.addFolder({ name: 'Closed', owner: 'app' });
  emu.injectFault({ kind: 'code', code: 1061004, status: 403, endpoint: 'drive/v1/files', method: 'GET', after: 1 });
  fake.picks = ['Closed', 'Up', undefined];
  await fake.run('feishu.uploadToFolder', file('single.txt'));
  const inClosed = fake.quickPicks[1];
  assert.ok(inClosed.items.some((i) => /^\$\(warning\) No permission to upload to this folder or document\..*\(code 1061004\)/.test(i.label)), JSON.stringify(inClosed.items));
  assert.equal(fake.quickPicks[2].title, 'Upload to Feishu Folder: My Space', 'Up went back');
  assert.deepEqual(fake.problems, []);
});

void test('creating a folder Feishu refuses: the message, and the picker stays open', async () => {
  emu.injectFault({ kind: 'code', code: 1062507, endpoint: 'create_folder' });
  fake.picks = ['New folder…', undefined];
  fake.inputs = ['Full'];
  await fake.run('feishu.uploadToFolder', file('single.txt'));
  const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error');
  assert.match(error.text, /^The folder holds too many items \(1,500 at most in one level\)\..*Upload into another folder\./);
  assert.deepEqual(error.items, ['Change Folder', 'Show Log']);
  assert.equal(fake.quickPicks.length, 2, 'the picker came back after the error');
});

void test('expired credentials while browsing end the picker with the credentials message', async () => {
  emu.injectFault({ kind: 'code', code: 99991672, status: 400, endpoint: 'drive/v1/files', method: 'GET' });
  await fake.run('feishu.uploadToFolder', file('single.txt'));
  const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error');
  assert.match(error.text, /^The app has not enabled a scope this API needs\./);
  assert.deepEqual(error.items, ['Open Developer Console', 'Show Log']);
});

void test('onConflict skip: uploading the tree again sends nothing, says so, and links the copies already there', async () => {
  const target = emu.addFolder({ name: 'Skip' });
  fake.userSettings['feishu.defaultFolder'] = target;
  await fake.run('feishu.upload', file('project'), [file('project')]);
  fake.userSettings['feishu.onConflict'] = 'skip';
  const before = emu.stats().calls;
  fake.answer = (s) => (s.text.startsWith('Nothing new to upload.') ? 'Copy All Links' : undefined);
  await fake.run('feishu.upload', file('project'), [file('project')]);
  assert.equal(uploadCalls(before), 0);
  assert.ok(fake.shown.some((s) => s.text === 'Nothing new to upload. 4 skipped: already in the Feishu folder.'), JSON.stringify(fake.shown.map((s) => s.text)));
  assert.equal(fake.clipboard.split('\n').length, 4);
  assert.match(fake.clipboard, new RegExp(`^\\[README\\.md\\]\\(${emu.tenantUrl.replace(/\./g, '\\.')}/file/`, 'm'));
  // One file alone: its own message, with its link.
  await fake.run('feishu.upload', file('single.txt'));
  fake.answer = (s) => (s.text === 'single.txt is already in the Feishu folder, so it was skipped.' ? 'Copy Link' : undefined);
  await fake.run('feishu.upload', file('single.txt'));
  const stored = emu.listFiles().find((f) => f.name === 'single.txt' && f.parentNode === target);
  assert.equal(fake.clipboard, `${emu.tenantUrl}/file/${stored?.fileToken}`);
});

void test('onConflict ask: Skip, Keep Both, "for all"; Cancel stops the batch', async () => {
  const target = emu.addFolder({ name: 'Ask' });
  fake.userSettings['feishu.defaultFolder'] = target;
  await fake.run('feishu.upload', file('project'), [file('project')]);
  fake.userSettings['feishu.onConflict'] = 'ask';
  const questions: string[] = [];
  fake.answer = (s) => {
    if (!s.modal) return undefined;
    questions.push(s.text);
    return questions.length === 1 ? 'Keep Both' : 'Skip All';
  };
  const before = emu.stats().calls;
  await fake.run('feishu.upload', file('project'), [file('project')]);
  assert.equal(questions.length, 2, 'after "Skip All" no more questions');
  // The folder is named as Feishu names it (asked once, then remembered), with the path below it.
  assert.equal(questions[0], '"README.md" is already in the Feishu folder "Ask / project".');
  const question = fake.shown.find((s) => s.modal)!;
  assert.deepEqual(question.items, ['Skip', 'Keep Both', 'Skip All', 'Keep Both for All']);
  assert.equal(uploadCalls(before), 1, 'only the one kept');

  fake.shown.length = 0;
  fake.answer = (s) => (s.modal ? undefined : undefined);
  const before2 = emu.stats().calls;
  await fake.run('feishu.upload', file('project'), [file('project')]);
  assert.equal(uploadCalls(before2), 0);
  const summary = fake.shown.find((s) => s.text.startsWith('Upload cancelled'));
  assert.match(summary?.text ?? '', /^Upload cancelled: 0 of 4 files uploaded\. Not uploaded: /);
});

void test('link sharing is set on each upload; when Feishu refuses, the file is uploaded and a warning says why', async () => {
  fake.userSettings['feishu.defaultFolder'] = 'root';
  fake.userSettings['feishu.linkSharing'] = 'tenant_readable';
  await fake.run('feishu.upload', file('single.txt'));
  const [first] = emu.listFiles();
  assert.equal(emu.publicSettings(first.fileToken).link_share_entity, 'tenant_readable');

  fake.userSettings['feishu.linkSharing'] = 'anyone_readable';
  emu.injectFault({ kind: 'code', code: 91009, endpoint: '/public' });
  await fake.run('feishu.upload', file('single.txt'));
  const warning = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'warning'), 'the sharing warning');
  assert.match(warning.text, /^Uploaded single\.txt, but its link sharing could not be set\. The organisation's security policy forbids sharing outside it\..*\(code 91009\) Use link sharing within the organisation/);
  assert.deepEqual(warning.items, ['Show Log']);
  assert.equal(emu.listFiles().length, 2, 'both files are there');
});

void test('the Feishu Uploads view lists uploads newest first, with where, size, when and as whom; its actions work', async () => {
  const folder = emu.addFolder({ name: 'History' });
  fake.userSettings['feishu.defaultFolder'] = folder;
  await fake.run('feishu.upload', file('project', 'c'), [file('project', 'c')]);
  await fake.run('feishu.upload', file('single.txt'));
  const items = viewItems();
  assert.deepEqual(items.map((i) => i.label), ['single.txt', 'notes.txt']);
  const [single, notes] = items;
  // The default folder is a bare token: its name comes from Feishu (metas), asked once.
  assert.equal(single.description, 'History · 6 B · just now');
  assert.equal(notes.description, 'History / c · 5 B · just now');
  assert.equal(single.contextValue, 'feishuUpload.file.local');
  assert.match(single.tooltip ?? '', new RegExp(`^single\\.txt\\nFolder: History\\nSize: 6 B\\nUploaded: .+\\nAs: app ${emu.appId}\\n${emu.tenantUrl.replace(/\./g, '\\.')}/file/\\w+\\nLocal file: .*single\\.txt$`));
  assert.equal(single.entry.url, `${emu.tenantUrl}/file/${single.entry.token}`);

  await fake.run('feishu.copyLastLink');
  assert.equal(fake.clipboard, single.entry.url);
  assert.equal(fake.statusMessages.at(-1), 'Link of single.txt copied.');
  await fake.run('feishu.history.copyLink', notes.entry);
  assert.equal(fake.clipboard, notes.entry.url);
  await fake.run('feishu.history.openInBrowser', notes.entry);
  assert.deepEqual(fake.opened, [notes.entry.url]);
  await fake.run('feishu.history.revealLocalFile', notes.entry);
  const revealed = fake.executed.find((e) => e[0] === 'revealInExplorer');
  assert.equal((revealed?.[1] as FakeUri).fsPath, join(host.ws, 'project', 'c', 'notes.txt'));

  // Upload Again: the same file into the same folder again; the view gains an entry.
  const before = emu.listFiles().length;
  await fake.run('feishu.history.uploadAgain', notes.entry);
  assert.equal(emu.listFiles().length, before + 1);
  assert.equal(emu.getFile(viewItems()[0].entry.token)?.parentNode, notes.entry.target.kind === 'folder' ? notes.entry.target.token : '');

  fake.answer = (s) => (s.modal ? 'Clear' : undefined);
  await fake.run('feishu.clearHistory');
  assert.equal(fake.shown.find((s) => s.modal)?.text, 'Clear the list of 3 uploads? The files stay in Feishu.');
  assert.deepEqual(viewItems(), []);
  await fake.run('feishu.copyLastLink');
  assert.equal(fake.shown.at(-1)?.text, 'Nothing uploaded yet: there is no link to copy.');
});

void test('a local file that is gone: Reveal and Upload Again say so', async () => {
  const gone = join(host.ws, 'gone.txt');
  writeFileSync(gone, 'soon gone');
  fake.userSettings['feishu.defaultFolder'] = 'root';
  await fake.run('feishu.upload', host.file('gone.txt'));
  const { rmSync } = await import('node:fs');
  rmSync(gone);
  const entry = viewItems()[0].entry;
  await fake.run('feishu.history.revealLocalFile', entry);
  await fake.run('feishu.history.uploadAgain', entry);
  const warnings = fake.shown.filter((s) => s.severity === 'warning').map((s) => s.text);
  assert.deepEqual(warnings, [`The local file ${gone} is no longer there.`, `The local file ${gone} is no longer there.`]);
});

void test('uploads into a document and imports are in the view too', async () => {
  const documentId = emu.createDocument({ title: 'Notes' });
  fake.userSettings['feishu.defaultDocument'] = documentId;
  await fake.run('feishu.uploadToDocument', file('single.txt'));
  const [entry] = viewItems();
  assert.equal(entry.label, 'single.txt');
  assert.equal(entry.description, 'Notes · 6 B · just now');
  assert.equal(entry.contextValue, 'feishuUpload.document.local');
  assert.equal(entry.entry.target.kind, 'document');
});
