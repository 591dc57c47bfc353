import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DriveBatch, FeishuError, Folders, type Uploader, type UploadTarget } from '../../../../src/core';
import { FakeDriveApi, NO_WAIT } from '../../../helpers/FakeDriveApi';
import { memorySource } from '../../../helpers/memorySource';

/** An uploader that records targets and hands out tokens, with My Space as "root". */
function fakeUploader(): { uploader: Uploader; targets: UploadTarget[] } {
  const targets: UploadTarget[] = [];
  let n = 0;
  const uploader = {
    upload: async (source: { name: string; size: number }, target: UploadTarget) => {
      targets.push(target);
      return { fileToken: `file${++n}`, name: source.name, bytes: source.size, parts: 1, method: 'all' as const, ms: 1 };
    },
    rootFolder: async () => 'root',
  } as unknown as Uploader;
  return { uploader, targets };
}

function batch(api: FakeDriveApi, options: ConstructorParameters<typeof DriveBatch>[1], warnings: string[] = []) {
  const { uploader, targets } = fakeUploader();
  const b = new DriveBatch({ ...NO_WAIT, api: api.asApi(), folders: new Folders(api.asApi(), NO_WAIT), uploader, onWarning: (w) => warnings.push(w) }, options);
  return { b, targets };
}

void test('keep-both: no listing for files; the tree path is made once and each file goes into its folder', async () => {
  const api = new FakeDriveApi();
  const { b, targets } = batch(api, { folderToken: 'T' });
  api.folders.set('T', []);
  await b.put(memorySource('a.txt', Buffer.from('x')), ['p', 'q']);
  await b.put(memorySource('b.txt', Buffer.from('x')), ['p', 'q']);
  await b.put(memorySource('c.txt', Buffer.from('x')), ['p']);
  assert.deepEqual(api.calls, ['list T', 'create T/p', 'create fld1/q']);
  assert.deepEqual(targets.map((t) => (t.kind === 'folder' ? t.folderToken : '')), ['fld2', 'fld2', 'fld1']);
});

void test('skip: the existing file is named, with its folder; My Space is named by its real token', async () => {
  const api = new FakeDriveApi();
  api.folders.set('', [{ token: 'old', name: 'a.txt', type: 'file' }]);
  const { b, targets } = batch(api, { onConflict: 'skip' });
  const outcome = await b.put(memorySource('a.txt', Buffer.from('x')), []);
  assert.deepEqual(outcome, { status: 'skipped', name: 'a.txt', fileToken: 'old', folderToken: 'root' });
  assert.deepEqual(targets, []);
  const other = await b.put(memorySource('b.txt', Buffer.from('x')), []);
  assert.equal(other.status, 'uploaded');
  assert.equal(other.folderToken, 'root');
  // What this batch uploaded counts as there: the same name again is skipped, without listing again.
  const again = await b.put(memorySource('b.txt', Buffer.from('x')), []);
  assert.equal(again.status, 'skipped');
  assert.deepEqual(api.calls, ['list ']);
});

void test('ask: the answer decides; a refusal (Escape) stops the file with that error and uploads nothing', async () => {
  const api = new FakeDriveApi();
  api.folders.set('', [
    { token: 'old1', name: 'a.txt', type: 'file' },
    { token: 'old2', name: 'b.txt', type: 'file' },
  ]);
  const asked: string[] = [];
  const { b, targets } = batch(api, {
    onConflict: async (c) => {
      asked.push(`${c.name} in ${c.folderToken} (${c.existing.token})`);
      if (c.name === 'b.txt') throw new FeishuError({ code: 'CANCELLED' });
      return 'keep-both';
    },
  });
  assert.equal((await b.put(memorySource('a.txt', Buffer.from('x')), [])).status, 'uploaded');
  await assert.rejects(b.put(memorySource('b.txt', Buffer.from('x')), []), (e: FeishuError) => e.code === 'CANCELLED');
  assert.equal((await b.put(memorySource('c.txt', Buffer.from('x')), [])).status, 'uploaded', 'no conflict, no question');
  assert.deepEqual(asked, ['a.txt in root (old1)', 'b.txt in root (old2)']);
  assert.equal(targets.length, 2);
});

void test('sharing and the grant after each upload; a folder the batch made is granted too, a failure there is a warning', async () => {
  const api = new FakeDriveApi();
  api.failures.addUserMember = [{ error: new FeishuError({ code: 1063002 }) }];
  const warnings: string[] = [];
  const { b } = batch(api, { linkSharing: 'tenant_editable', grantTo: 'ou_me' }, warnings);
  const outcome = await b.put(memorySource('a.txt', Buffer.from('x')), ['new']);
  assert.deepEqual(api.calls, ['list ', 'create /new', 'grant folder fld1 ou_me', 'share file1 tenant_editable', 'grant file file1 ou_me']);
  assert.match(warnings[0], /^Could not give the signed-in user access to the new folder "new" \(fld1\): No permission to change who can open this file\./);
  assert.equal(outcome.status, 'uploaded');
  if (outcome.status === 'uploaded') assert.deepEqual(outcome.problems, []);
});

void test('a sharing failure is reported on the outcome, the grant still tried', async () => {
  const api = new FakeDriveApi();
  api.failures.setLinkShare = [{ error: new FeishuError({ code: 91010 }) }];
  const { b } = batch(api, { linkSharing: 'anyone_readable', grantTo: 'ou_me' });
  const outcome = await b.put(memorySource('a.txt', Buffer.from('x')), []);
  assert.equal(outcome.status, 'uploaded');
  if (outcome.status !== 'uploaded') return;
  assert.deepEqual(outcome.problems.map((p) => [p.step, (p.error as FeishuError).code]), [['linkSharing', 91010]]);
  assert.ok(api.calls.includes('grant file file1 ou_me'));
});

void test('makeFolders makes the empty folders of a tree; a failed folder is asked again by the next file', async () => {
  const api = new FakeDriveApi();
  api.failures.createFolder = [{ error: new FeishuError({ code: 1061004 }) }];
  const { b } = batch(api, {});
  await assert.rejects(b.put(memorySource('a.txt', Buffer.from('x')), ['x']), (e: FeishuError) => e.code === 1061004);
  await b.makeFolders([['x'], ['x', 'empty']]);
  assert.deepEqual(api.calls, ['list ', 'create /x', 'list ', 'create /x', 'create fld1/empty']);
});
