import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FeishuError, FileResumeStore, sessionKey, type SessionRecord } from '../../../../../src/core';
import { tempDir } from '../../../../helpers/fixtures';

const tmp = tempDir();
after(() => tmp.dispose());
let n = 0;

function record(name: string, preparedAt = Date.now()): SessionRecord {
  const identity = { kind: 'app', id: 'cli_a' } as const;
  const target = { api: 'files', parentType: 'explorer', parentNode: 'fldA' } as const;
  return {
    version: 1,
    method: 'multipart',
    key: sessionKey(identity, target, `/w/${name}`, name),
    name,
    file: { path: `/w/${name}`, size: 9, mtimeMs: 1, head: 'ab'.repeat(32) },
    target,
    identity,
    uploadId: 'u1',
    blockSize: 4,
    blockNum: 3,
    confirmed: [],
    preparedAt,
    updatedAt: preparedAt,
  };
}

const store = (): FileResumeStore => new FileResumeStore(join(tmp.dir, `s${n++}`, 'upload-sessions'));

void test('save, load, list, remove; the folder is private (0700) and records too (0600); no temp file is left', async () => {
  const s = store();
  const r = record('a.iso');
  await s.save(r);
  await s.save({ ...r, confirmed: [0] });
  assert.deepEqual(await s.load(r.key), { ...r, confirmed: [0] });
  assert.deepEqual(readdirSync(s.dir), [`${r.key}.json`]);
  if (process.platform !== 'win32') {
    assert.equal(statSync(s.dir).mode & 0o777, 0o700);
    assert.equal(statSync(join(s.dir, `${r.key}.json`)).mode & 0o777, 0o600);
  }
  assert.deepEqual((await s.list()).map((x) => x.name), ['a.iso']);
  await s.remove(r.key);
  await s.remove(r.key); // twice is fine
  assert.equal(await s.load(r.key), undefined);
  assert.deepEqual(await s.list(), []);
});

void test('an unreadable record (torn, edited, another version) is dropped, never used', async () => {
  const s = store();
  const r = record('b.iso');
  await s.save(r);
  writeFileSync(join(s.dir, `${r.key}.json`), '{"version":1,"key":');
  assert.equal(await s.load(r.key), undefined);
  assert.deepEqual(readdirSync(s.dir), []);
  assert.equal(await store().load(r.key), undefined, 'a store whose folder does not exist yet');
  await assert.rejects(s.load('../escape'), RangeError);
});

void test('sweep removes dead records (unless being uploaded) and the debris of crashed writers', async () => {
  const s = store();
  const old = record('old.iso', Date.now() - 25 * 3600_000);
  const busy = record('busy.iso', Date.now() - 25 * 3600_000);
  const young = record('young.iso');
  for (const r of [old, busy, young]) await s.save(r);
  const held = await s.lock(busy.key);
  assert.ok(held.ok);
  const debris = join(s.dir, `.${old.key}.abc.tmp`);
  writeFileSync(debris, '{');
  utimesSync(debris, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
  writeFileSync(join(s.dir, `.${young.key}.new1.tmp`), '{'); // a write in progress: young, kept
  // A lock left by a dead process, for a record that is gone.
  const orphan = record('orphan.iso');
  writeFileSync(join(s.dir, `${orphan.key}.lock`), JSON.stringify({ token: 't', pid: 999_999_999, host: (await import('node:os')).hostname(), at: 1 }));

  assert.equal(await s.sweep(Date.now() - 24 * 3600_000), 1);
  const left = readdirSync(s.dir).sort();
  assert.deepEqual(left, [`${busy.key}.json`, `${busy.key}.lock`, `${young.key}.json`, `.${young.key}.new1.tmp`].sort());
  await held.lock.release();
});

void test('a record\'s lock taken over by another process (its holder judged dead): the old holder\'s check stops it with UPLOAD_IN_PROGRESS', async () => {
  const dir = join(tmp.dir, `s${n++}`, 'upload-sessions');
  const key = record('taken.iso').key;
  const first = await new FileResumeStore(dir, { isAlive: () => true }).lock(key);
  assert.ok(first.ok);
  await first.lock.check();
  // Pretend its holder is another, dead process of this host.
  const path = join(dir, `${key}.lock`);
  writeFileSync(path, JSON.stringify({ ...(JSON.parse(readFileSync(path, 'utf8')) as object), pid: 999_999_999 }));
  const second = await new FileResumeStore(dir, { isAlive: (pid) => pid !== 999_999_999 }).lock(key);
  assert.ok(second.ok, 'taken over');
  await assert.rejects(first.lock.check(), (e: unknown) => {
    assert.ok(e instanceof FeishuError);
    assert.equal(e.code, 'UPLOAD_IN_PROGRESS');
    assert.equal(e.message, 'This file is already being uploaded to the same place by another window or process. Another window or process took this upload over. (UPLOAD_IN_PROGRESS)');
    assert.equal(e.hint, 'Wait for that upload to finish or stop it, then upload again: it continues where it stopped.');
    return true;
  });
  await first.lock.release(); // must not remove the new holder's lock
  assert.equal((await new FileResumeStore(dir).lock(key)).ok, false, 'still held by the second');
  await second.lock.release();
});
