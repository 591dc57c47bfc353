import { strict as assert } from 'node:assert';
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FeishuError } from '../../../../../src/core';
import { tryLock } from '../../../../../src/core/upload/resume/FileLock';
import { tempDir } from '../../../../helpers/fixtures';

const tmp = tempDir();
after(() => tmp.dispose());
let n = 0;
const lockPath = (): string => join(tmp.dir, `l${n++}.lock`);

void test('one holder at a time; the second is told who holds it; release frees it', async () => {
  const path = lockPath();
  const first = await tryLock(path);
  assert.ok(first.ok);
  const second = await tryLock(path);
  assert.deepEqual(second, { ok: false, holder: { pid: process.pid, host: (JSON.parse(readFileSync(path, 'utf8')) as { host: string }).host } });
  await first.lock.release();
  const third = await tryLock(path);
  assert.ok(third.ok);
  await third.lock.release();
});

void test('a lock of a dead process of this machine is stale at once: taken over, and its old holder finds out', async () => {
  const path = lockPath();
  const dead = await tryLock(path, { isAlive: () => true });
  assert.ok(dead.ok);
  // Pretend its pid is another, dead process of this host.
  const content = JSON.parse(readFileSync(path, 'utf8')) as { pid: number };
  writeFileSync(path, JSON.stringify({ ...content, pid: 999_999_999 }));
  const taker = await tryLock(path, { isAlive: (pid) => pid !== 999_999_999 });
  assert.ok(taker.ok, 'taken over');
  await assert.rejects(dead.lock.check(), (e: unknown) => e instanceof FeishuError && e.code === 'UPLOAD_IN_PROGRESS' && /Another window or process took this upload over\./.test(e.message));
  await dead.lock.release(); // must not remove the new holder's lock
  assert.equal((await tryLock(path)).ok, false, 'still held by the taker');
  await taker.lock.release();
});

void test('a live holder is not stale while it refreshes; one on another machine is stale once not refreshed for staleMs', async () => {
  const path = lockPath();
  const held = await tryLock(path, { host: 'other-host' });
  assert.ok(held.ok);
  const now = Date.now();
  assert.equal((await tryLock(path, { staleMs: 30_000, now: () => now })).ok, false, 'fresh: not stale');
  utimesSync(path, new Date(now - 60_000), new Date(now - 60_000));
  const taker = await tryLock(path, { staleMs: 30_000, now: () => now });
  assert.ok(taker.ok, 'not refreshed for a minute: stale');
  await taker.lock.release();
  await held.lock.release();
});

void test('the holder refreshes its lock, so a live but long upload is never judged stale', async () => {
  const path = lockPath();
  const held = await tryLock(path, { refreshMs: 20 });
  assert.ok(held.ok);
  utimesSync(path, new Date(Date.now() - 60_000), new Date(Date.now() - 60_000));
  await new Promise((r) => setTimeout(r, 120));
  assert.equal((await tryLock(path, { staleMs: 30_000, host: 'other-host' })).ok, false);
  await held.lock.release();
});

void test('processes breaking one stale lock at the same moment: exactly one wins', async () => {
  for (let round = 0; round < 20; round++) {
    const path = lockPath();
    writeFileSync(path, JSON.stringify({ token: 'old', pid: 999_999_999, host: 'h', at: 1 }));
    const options = { host: 'h', isAlive: () => false };
    const attempts = await Promise.all([tryLock(path, options), tryLock(path, options), tryLock(path, options), tryLock(path, options)]);
    assert.equal(attempts.filter((a) => a.ok).length, 1, `round ${round}`);
    for (const a of attempts) if (a.ok) await a.lock.release();
  }
});

void test('a torn lock file (no content) is judged by its age alone', async () => {
  const path = lockPath();
  writeFileSync(path, '');
  assert.equal((await tryLock(path)).ok, false, 'young: maybe being written');
  utimesSync(path, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
  const taken = await tryLock(path);
  assert.ok(taken.ok);
  await taken.lock.release();
});
