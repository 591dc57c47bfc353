import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { Emulator } from '../../src/emulator';
import type { HistoryEntry } from '../../src/vscode/history/UploadHistory';
import { ExtensionHost } from '../helpers/extensionHost';
import { treeLines } from '../helpers/folderTree';
import { freePort } from '../helpers/freePort';

// Where files go for a person signed in on this machine: the picker starts at their own My Space, the history says
// who uploaded; and acting as the app while they are signed in, they are given access to what the app uploads and
// the folders it makes (as larksuite/cli does in bot mode).
const host = new ExtensionHost();
const fake = host.fake;
let emu: Emulator;
let port = 0;

before(async () => {
  await host.start();
  emu = host.emu;
  mkdirSync(join(host.ws, 'tree', 'inner'), { recursive: true });
  writeFileSync(join(host.ws, 'tree', 'inner', 'deep.txt'), 'deep');
  writeFileSync(join(host.ws, 'note.txt'), 'a note');
  port = await freePort();
});
after(() => host.stop());
beforeEach(async () => {
  await host.activate();
  await host.signInAsPerson(port);
});

const ada = (): { openId: string; name: string } => emu.users()[0];

function history(): HistoryEntry[] {
  const provider = fake.treeViews.get('feishu.uploads')!;
  return provider.getChildren() as HistoryEntry[];
}

void test("signed in: the picker starts at the person's own My Space, and the history names them", async () => {
  const notes = emu.addFolder({ name: "Ada's notes" }); // a folder Ada made in her My Space
  emu.addFolder({ name: 'App only', owner: 'app' }); // in the app's My Space: not Ada's
  fake.picks = ["Ada's notes", 'Upload here'];
  await fake.run('feishu.uploadToFolder', host.file('note.txt'));
  assert.deepEqual(fake.problems, []);
  const start = fake.quickPicks[0].items.map((i) => i.label);
  assert.ok(start.includes("$(folder) Ada's notes") && !start.includes('$(folder) App only'), JSON.stringify(start));
  assert.equal(fake.quickPicks[0].items[0].description, 'My Space', "no note about the app's space: this is hers");
  const [stored] = emu.listFiles();
  assert.equal(stored.parentNode, notes);
  assert.equal(stored.owner, `user:${ada().openId}`);
  const [entry] = history();
  assert.deepEqual(entry.as, { kind: 'user', id: ada().openId, name: 'Ada Lin' });
  const item = fake.treeViews.get('feishu.uploads')!.getTreeItem(entry) as { tooltip: string };
  assert.match(item.tooltip, /\nAs: Ada Lin\n/);
});

void test('acting as the app with Ada signed in: she gets full access to each file and each folder the app makes', async () => {
  fake.userSettings['feishu.identity'] = 'app';
  const shared = emu.addFolder({ name: 'Shared with the bot' });
  fake.userSettings['feishu.defaultFolder'] = shared;
  await fake.run('feishu.upload', host.file('tree'), [host.file('tree')]);
  assert.deepEqual(treeLines(emu.folderTree(shared)), ['tree/', 'tree/inner/', 'tree/inner/deep.txt']);
  const [file] = emu.listFiles();
  assert.equal(file.owner, `app:${emu.appId}`);
  const grant = [{ memberType: 'openid', memberId: ada().openId, perm: 'full_access', type: 'user' }];
  assert.deepEqual(emu.collaborators(file.fileToken), grant, 'the file');
  const made = emu.folderTree(shared)!.folders[0];
  assert.deepEqual(emu.collaborators(made.token), grant, 'the folder the app made');
  assert.deepEqual(emu.collaborators(made.folders[0].token), grant, 'and the one inside it');
  assert.deepEqual(history()[0].as, { kind: 'app', id: emu.appId });
  assert.ok(!fake.shown.some((s) => s.severity !== 'info'), JSON.stringify(fake.shown));
});

void test('acting as the app, New folder… in the picker gives Ada access to the folder too', async () => {
  fake.userSettings['feishu.identity'] = 'app';
  fake.picks = ['New folder…', undefined];
  fake.inputs = ['From the picker'];
  await fake.run('feishu.uploadToFolder', host.file('note.txt'));
  const made = emu.folderTree(emu.rootFolderToken)!.folders.find((f) => f.name === 'From the picker');
  assert.ok(made, "in the app's My Space");
  assert.deepEqual(emu.collaborators(made.token), [{ memberType: 'openid', memberId: ada().openId, perm: 'full_access', type: 'user' }]);
});
