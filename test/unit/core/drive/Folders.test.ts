import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkFolderName, FeishuError, Folders } from '../../../../src/core';
import { FakeDriveApi, NO_WAIT } from '../../../helpers/FakeDriveApi';

void test('child: a folder of that name in the listing is reused; otherwise one is made and the listing grows', async () => {
  const api = new FakeDriveApi();
  api.folders.set('', [{ token: 'fldOld', name: 'docs', type: 'folder' }, { token: 'fileX', name: 'notes', type: 'file' }]);
  const folders = new Folders(api.asApi(), NO_WAIT);
  const found = await folders.child('', 'docs', undefined);
  assert.deepEqual([found.token, found.created], ['fldOld', false]);
  const made = await folders.child('', 'notes', found.listing);
  assert.equal(made.created, true, 'a file named "notes" is not a folder');
  assert.deepEqual(api.calls, ['list ', 'create /notes'], 'the listing given was used: no second list');
  assert.ok(made.listing.items.some((i) => i.token === made.token && i.type === 'folder'));
});

void test('a listing older than another creation in that folder is fetched again, so two batches make one folder', async () => {
  const api = new FakeDriveApi();
  const folders = new Folders(api.asApi(), NO_WAIT);
  const stale = await folders.list('');
  const first = await folders.child('', 'shared', stale);
  const second = await folders.child('', 'shared', stale);
  assert.equal(second.token, first.token);
  assert.equal(second.created, false);
  assert.deepEqual(api.calls, ['list ', 'create /shared', 'list ']);
});

void test('two callers at once on one parent: creation is serial, the second sees the first one\'s folder', async () => {
  const api = new FakeDriveApi();
  const folders = new Folders(api.asApi(), NO_WAIT);
  const [a, b] = await Promise.all([folders.child('', 'x', undefined), folders.child('', 'x', undefined)]);
  assert.equal(a.token, b.token);
  assert.equal(api.calls.filter((c) => c.startsWith('create')).length, 1);
});

void test('an answer lost after Feishu made the folder: the retry finds it instead of making a second', async () => {
  const api = new FakeDriveApi();
  api.failures.createFolder = [{ error: new FeishuError({ code: 'NETWORK', endpoint: 'drive/v1/files/create_folder' }), after: true }];
  const folders = new Folders(api.asApi(), NO_WAIT);
  const made = await folders.child('', 'once', undefined);
  assert.deepEqual(api.calls, ['list ', 'create /once', 'list ']);
  assert.equal(api.folders.get('')?.filter((f) => f.name === 'once').length, 1);
  assert.equal(made.token, 'fld1');
});

void test('1061045 (rate or concurrency) means nothing was made: retried without looking first', async () => {
  const api = new FakeDriveApi();
  api.failures.createFolder = [{ error: new FeishuError({ code: 1061045 }) }];
  const folders = new Folders(api.asApi(), NO_WAIT);
  await folders.child('', 'y', undefined);
  assert.deepEqual(api.calls, ['list ', 'create /y', 'create /y']);
});

void test('a refusal is not retried and reaches the caller', async () => {
  const api = new FakeDriveApi();
  api.failures.createFolder = [{ error: new FeishuError({ code: 1062507 }) }];
  const folders = new Folders(api.asApi(), NO_WAIT);
  await assert.rejects(folders.child('', 'z', undefined), (e: FeishuError) => e.code === 1062507 && /too many items \(1,500 at most/.test(e.message));
  assert.deepEqual(api.calls, ['list ', 'create /z']);
});

void test('list follows next_page_token and reports each page', async () => {
  const api = new FakeDriveApi();
  let page = 0;
  api.listPage = async (folder, token) => {
    api.calls.push(`list ${folder} ${token ?? '-'}`);
    page++;
    return page < 3 ? { items: [{ token: `t${page}`, name: `n${page}`, type: 'file' }], nextPageToken: `p${page}` } : { items: [{ token: 't3', name: 'n3', type: 'file' }] };
  };
  const pages: number[] = [];
  const listing = await new Folders(api.asApi(), NO_WAIT).list('fldA', undefined, (items) => pages.push(items.length));
  assert.deepEqual(listing.items.map((i) => i.token), ['t1', 't2', 't3']);
  assert.deepEqual(api.calls, ['list fldA -', 'list fldA p1', 'list fldA p2']);
  assert.deepEqual(pages, [1, 1, 1]);
});

void test('folder names: 1 to 256 bytes', () => {
  assert.throws(() => checkFolderName(''), /The name is empty\./);
  assert.throws(() => checkFolderName('   '), (e: FeishuError) => e.code === 'BAD_FOLDER_NAME');
  assert.doesNotThrow(() => checkFolderName('a'.repeat(256)));
  assert.throws(() => checkFolderName('a'.repeat(257)), /has 257 bytes/);
  assert.throws(() => checkFolderName('文'.repeat(86)), /has 258 bytes/);
});
