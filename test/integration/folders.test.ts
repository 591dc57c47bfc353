// Folder trees through the core's Drive engine against the emulator over real HTTP: trees land folder by folder,
// re-uploads with `skip` send nothing, links are Feishu's, sharing and grants are set, and every call stays
// within Feishu's limits.
import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  expandSelection,
  FeishuError,
  nodeFileSystem,
  openFileSource,
  type DriveBatchOptions,
  type DriveOutcome,
} from '../../src/core';
import type { Emulator } from '../../src/emulator';
import { startRig, type Rig } from '../helpers/feishu';
import { tempDir } from '../helpers/fixtures';
import { treeLines } from '../helpers/folderTree';

const UPLOAD_CALLS = /^drive\/v1\/(files|medias)\/upload_/;

/** Calls by endpoint since `before` (a snapshot of emu.stats().calls). */
function callsSince(emu: Emulator, before: Record<string, number>): Record<string, number> {
  const now = emu.stats().calls;
  const delta: Record<string, number> = {};
  for (const [k, v] of Object.entries(now)) if (v - (before[k] ?? 0) > 0) delta[k] = v - (before[k] ?? 0);
  return delta;
}

function uploadCalls(delta: Record<string, number>): number {
  return Object.entries(delta)
    .filter(([k]) => UPLOAD_CALLS.test(k))
    .reduce((sum, [, v]) => sum + v, 0);
}


/** Uploads the selection like the CLI and the extension do: the walk, then one file at a time. */
async function send(rig: Rig, paths: string[], options: DriveBatchOptions): Promise<{ file: string; outcome: DriveOutcome }[]> {
  const expansion = await expandSelection(paths, nodeFileSystem);
  const batch = rig.drive.batch(options);
  const results: { file: string; outcome: DriveOutcome }[] = [];
  for (const file of expansion.files) {
    const source = await openFileSource(file.path);
    try {
      results.push({ file: file.path, outcome: await batch.put(source, file.dir) });
    } finally {
      await source.close();
    }
  }
  await batch.makeFolders(expansion.folders);
  return results;
}

describe('folder trees', () => {
  let rig: Rig;
  const tmp = tempDir();
  const project = join(tmp.dir, 'project');

  before(async () => {
    rig = await startRig();
    for (const dir of ['a/b', 'empty', 'other']) mkdirSync(join(project, dir), { recursive: true });
    writeFileSync(join(project, 'README.md'), 'top');
    writeFileSync(join(project, 'a', 'README.md'), 'level one');
    writeFileSync(join(project, 'a', 'b', 'README.md'), 'level two');
    writeFileSync(join(project, 'a', 'b', 'data.csv'), '1,2,3');
    writeFileSync(join(project, 'other', 'README.md'), 'a sibling');
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  test('a three-level tree with same-named files lands folder by folder, empty folders too', async () => {
    const target = rig.emu.addFolder({ name: 'Target' });
    const before = rig.emu.stats().calls;
    const results = await send(rig, [project], { folderToken: target });
    assert.deepEqual(treeLines(rig.emu.folderTree(target)), [
      'project/',
      'project/README.md',
      'project/a/',
      'project/a/README.md',
      'project/a/b/',
      'project/a/b/README.md',
      'project/a/b/data.csv',
      'project/empty/',
      'project/other/',
      'project/other/README.md',
    ]);
    // Each file's folder is where the emulator stored it, and the outcome says so.
    for (const { file, outcome } of results) {
      assert.equal(outcome.status, 'uploaded');
      if (outcome.status !== 'uploaded') continue;
      assert.equal(rig.emu.getFile(outcome.result.fileToken)?.parentNode, outcome.folderToken, file);
    }
    const delta = callsSince(rig.emu, before);
    assert.equal(delta['drive/v1/files/create_folder'], 5, 'project, a, b, other, empty');
    assert.equal(delta['drive/v1/files/upload_all'], 5);
    // Keep-both lists only where a folder is looked for: the target (new folders are known to be empty).
    assert.equal(delta['drive/v1/files'], 1);
    assert.deepEqual(rig.emu.violations(), []);
  });

  test('a second run with skip makes no upload call at all, only one listing per folder; a new file is the only one sent', async () => {
    const target = rig.emu.addFolder({ name: 'Again' });
    await send(rig, [project], { folderToken: target });
    const before = rig.emu.stats().calls;
    const again = await send(rig, [project], { folderToken: target, onConflict: 'skip' });
    const delta = callsSince(rig.emu, before);
    assert.equal(uploadCalls(delta), 0, JSON.stringify(delta));
    assert.equal(delta['drive/v1/files/create_folder'], undefined, 'every folder is reused');
    assert.equal(delta['drive/v1/files'], 5, 'one listing per folder that holds files, and the target: target, project, a, b, other');
    assert.ok(again.every((r) => r.outcome.status === 'skipped'));
    const skipped = again.find((r) => r.file.endsWith(join('a', 'README.md')))!.outcome;
    assert.equal(skipped.status, 'skipped');
    if (skipped.status === 'skipped') {
      // The existing file's token and its folder: the second README of the tree, not the first.
      assert.equal(rig.emu.getFile(skipped.fileToken)?.parentNode, skipped.folderToken);
      assert.equal(rig.emu.folderTree(skipped.folderToken)?.name, 'a');
    }

    writeFileSync(join(project, 'a', 'b', 'new.txt'), 'added later');
    const before3 = rig.emu.stats().calls;
    const third = await send(rig, [project], { folderToken: target, onConflict: 'skip' });
    const delta3 = callsSince(rig.emu, before3);
    assert.equal(delta3['drive/v1/files/upload_all'], 1);
    assert.equal(uploadCalls(delta3), 1);
    assert.deepEqual(third.filter((r) => r.outcome.status === 'uploaded').map((r) => r.file), [join(project, 'a', 'b', 'new.txt')]);
    assert.ok(treeLines(rig.emu.folderTree(target)).includes('project/a/b/new.txt'));
  });

  test('keep-both uploads every file again next to the first, into the same folders', async () => {
    const target = rig.emu.addFolder({ name: 'Twice' });
    await send(rig, [join(project, 'other')], { folderToken: target });
    const before = rig.emu.stats().calls;
    await send(rig, [join(project, 'other')], { folderToken: target });
    assert.equal(callsSince(rig.emu, before)['drive/v1/files/create_folder'], undefined);
    assert.deepEqual(treeLines(rig.emu.folderTree(target)), ['other/', 'other/README.md', 'other/README.md']);
  });

  test('ask: the question names the file and the folder; the answer decides per file', async () => {
    const target = rig.emu.addFolder({ name: 'Asked' });
    await send(rig, [join(project, 'a')], { folderToken: target });
    const asked: string[] = [];
    const results = await send(rig, [join(project, 'a')], {
      folderToken: target,
      onConflict: async (conflict) => {
        asked.push(`${rig.emu.folderTree(conflict.folderToken)?.name}/${conflict.name}`);
        assert.equal(rig.emu.getFile(conflict.existing.token)?.name, conflict.name);
        return conflict.name === 'data.csv' ? 'keep-both' : 'skip';
      },
    });
    assert.deepEqual(asked.sort(), ['a/README.md', 'b/README.md', 'b/data.csv', 'b/new.txt'].sort());
    assert.deepEqual(results.filter((r) => r.outcome.status === 'uploaded').map((r) => r.file), [join(project, 'a', 'b', 'data.csv')]);
  });

  test('files straight into My Space: skipped ones name the root folder by its real token', async () => {
    const file = join(tmp.dir, `root-${Date.now()}.txt`);
    writeFileSync(file, 'root');
    const [first] = await send(rig, [file], {});
    assert.equal(first.outcome.status, 'uploaded');
    assert.equal(first.outcome.folderToken, rig.emu.rootFolderToken);
    const [second] = await send(rig, [file], { onConflict: 'skip' });
    assert.equal(second.outcome.status, 'skipped');
    assert.equal(second.outcome.folderToken, rig.emu.rootFolderToken);
  });

  test('a folder of more than 200 items is listed page by page to find what is there', async () => {
    const big = rig.emu.addFolder({ name: 'Big' });
    for (let i = 0; i < 250; i++) rig.emu.addFolder({ name: `item ${String(i).padStart(3, '0')}`, parent: big });
    const file = join(tmp.dir, 'late.txt');
    writeFileSync(file, 'late');
    await send(rig, [file], { folderToken: big });
    const before = rig.emu.stats().calls;
    const [again] = await send(rig, [file], { folderToken: big, onConflict: 'skip' });
    assert.equal(again.outcome.status, 'skipped', 'found on the second page');
    assert.equal(callsSince(rig.emu, before)['drive/v1/files'], 2, '251 items: pages of 200');
  });

  test('two batches that want the same new sub-folder at once make one folder', async () => {
    const target = rig.emu.addFolder({ name: 'Race' });
    await Promise.all([send(rig, [join(project, 'other')], { folderToken: target }), send(rig, [join(project, 'other')], { folderToken: target })]);
    assert.deepEqual(treeLines(rig.emu.folderTree(target)), ['other/', 'other/README.md', 'other/README.md']);
  });

  test('mkdir makes a path level by level and reuses what is there, like mkdir -p', async () => {
    const parent = rig.emu.addFolder({ name: 'Made' });
    const first = await rig.drive.mkdir(['x', 'y'], parent);
    assert.equal(first.created, true);
    const again = await rig.drive.mkdir(['x', 'y'], parent);
    assert.deepEqual(again, { ...first, created: false });
    assert.equal(first.parentToken, rig.emu.folderTree(parent)?.folders[0].token, 'y is in x');
    assert.deepEqual(treeLines(rig.emu.folderTree(parent)), ['x/', 'x/y/']);
    assert.equal(first.url, `${rig.emu.tenantUrl}/drive/folder/${first.token}`);
  });

  test("listing My Space gets everything in one call: the app's own folders", async () => {
    rig.emu.addFolder({ name: 'Mine', owner: 'app' });
    const before = rig.emu.stats().calls;
    const items = await rig.drive.list();
    assert.ok(items.some((i) => i.type === 'folder' && i.name === 'Mine'));
    assert.ok(!items.some((i) => i.name === 'Target'), "a person's folder shared with the app is not in the app's My Space");
    assert.equal(callsSince(rig.emu, before)['drive/v1/files'], 1);
  });

  test('a page in CreatedTime order, newest first, each item with its creation time (what the lost-finish check reads)', async () => {
    const parent = rig.emu.addFolder({ name: 'Ordered', owner: 'app' });
    for (const name of ['old.txt', 'new.txt']) {
      writeFileSync(join(tmp.dir, name), name);
      const source = await openFileSource(join(tmp.dir, name));
      await rig.uploader.upload(source, { kind: 'folder', folderToken: parent }).finally(() => source.close());
      await new Promise((r) => setTimeout(r, 1100)); // created_time has 1 s resolution
    }
    const page = await rig.drive.api.listPage(parent, undefined, undefined, { orderBy: 'CreatedTime', direction: 'DESC' });
    assert.deepEqual(page.items.map((i) => i.name), ['new.txt', 'old.txt']);
    const [newer, older] = page.items;
    assert.ok(newer.createdTime! > older.createdTime!, 'epoch ms, from unix seconds');
    assert.equal(newer.createdTime! % 1000, 0);
    assert.ok(Math.abs(Date.now() - newer.createdTime!) < 5000);
  });
});

describe('folder errors', () => {
  let rig: Rig;
  const tmp = tempDir();
  before(async () => {
    rig = await startRig({ emulator: { folderLimits: { maxDepth: 2 } } });
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  test('a tree deeper than Feishu allows: the file fails with the depth message, the folders above it are there', async () => {
    const deep = join(tmp.dir, 'one', 'two', 'three');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'f.txt'), 'deep');
    await assert.rejects(send(rig, [join(tmp.dir, 'one')], {}), (e: FeishuError) => {
      assert.equal(e.code, 1062506);
      assert.match(e.message, /^The folder is nested too deep \(15 levels at most\)\..*code 1062506, drive\/v1\/files\/create_folder, HTTP 400/);
      assert.equal(e.hint, 'Upload into a folder nearer the root.');
      return true;
    });
    assert.deepEqual(treeLines(rig.emu.folderTree()).filter((l) => l.startsWith('one')), ['one/', 'one/two/']);
  });

  test('no permission on the target folder: create_folder says so with what to do', async () => {
    const dir = join(tmp.dir, 'perm');
    mkdirSync(dir);
    writeFileSync(join(dir, 'f.txt'), 'x');
    rig.emu.injectFault({ kind: 'code', code: 1061004, status: 403, endpoint: 'create_folder' });
    await assert.rejects(send(rig, [dir], { folderToken: rig.emu.addFolder() }), (e: FeishuError) => {
      assert.equal(e.code, 1061004);
      assert.match(e.userMessage, /No permission to upload to this folder or document\..*Give the app \(or user\) edit permission/);
      return true;
    });
  });

  test('an empty or too long folder name is refused before any call', async () => {
    await assert.rejects(rig.drive.mkdir(['  ']), (e: FeishuError) => e.code === 'BAD_FOLDER_NAME' && /^Feishu cannot name a folder like this\. The name is empty\./.test(e.message));
    await assert.rejects(rig.drive.mkdir(['名'.repeat(90)]), (e: FeishuError) => e.code === 'BAD_FOLDER_NAME' && /has 270 bytes/.test(e.message) && /1 to 256 bytes/.test(e.hint));
  });

  test('a folder listing that is refused fails the file with Feishu\'s reason', async () => {
    const dir = join(tmp.dir, 'listing');
    mkdirSync(dir);
    writeFileSync(join(dir, 'f.txt'), 'x');
    rig.emu.injectFault({ kind: 'code', code: 99991672, status: 400, endpoint: 'drive/v1/files', method: 'GET' });
    await assert.rejects(send(rig, [dir], { folderToken: rig.emu.addFolder(), onConflict: 'skip' }), (e: FeishuError) => {
      assert.equal(e.code, 99991672);
      assert.equal(e.category, 'scope');
      // The scopes that would do, not just "an upload scope".
      assert.match(e.message, /drive\/v1\/files needs one of these scopes: drive:drive, drive:drive:readonly, space:document:retrieve\./);
      assert.match(e.hint, /^Enable the scope the message names/);
      return true;
    });
  });
});
