// The one lock between processes: tryLock (resume records: no waiting, stale by a dead pid or by age, one winner
// when several break it) and FileLock.run (sign-in renewals: wait, then go on without it).
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FileLock, tryLock } from '../../../../src/core';
import { tempDir } from '../../../helpers/fixtures';

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
  assert.equal(await dead.lock.stillHeld(), false, 'the old holder finds out');
  assert.equal(await taker.lock.stillHeld(), true);
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

/** A lock file as a holder of this machine writes it. */
function holderFile(path: string, pid: number): void {
  writeFileSync(path, JSON.stringify({ token: `t${pid}`, pid, host: hostname(), at: Date.now() }));
}

void test('FileLock.run: holders take turns; the second runs only after the first released, and the file is gone after', async () => {
  const path = join(tmp.dir, 'locks', 'renew.lock');
  const a = new FileLock(path, { pollMs: 5 });
  const b = new FileLock(path, { pollMs: 5 });
  const order: string[] = [];
  let release!: () => void;
  const first = a.run(async () => {
    order.push('a start');
    assert.equal((JSON.parse(readFileSync(path, 'utf8')) as { pid: number }).pid, process.pid);
    await new Promise<void>((r) => (release = r));
    order.push('a end');
  });
  await new Promise((r) => setTimeout(r, 20));
  const second = b.run(async () => {
    order.push('b');
    return 42;
  });
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(order, ['a start'], 'b waits');
  release();
  await first;
  assert.equal(await second, 42);
  assert.deepEqual(order, ['a start', 'a end', 'b']);
  assert.equal(existsSync(path), false);
});

void test("FileLock.run: the work's error comes through and the lock is released", async () => {
  const path = join(tmp.dir, 'err.lock');
  await assert.rejects(new FileLock(path).run(async () => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(existsSync(path), false);
});

void test('FileLock.run: a lock left by a process that is gone is taken over at once; one older than staleMs too', async () => {
  const dead = join(tmp.dir, 'dead.lock');
  holderFile(dead, 999_999_999);
  const started = Date.now();
  assert.equal(await new FileLock(dead, { pollMs: 5, timeoutMs: 2000 }).run(async () => 'ran'), 'ran');
  assert.ok(Date.now() - started < 1000, 'not by waiting for the timeout');
  const old = join(tmp.dir, 'old.lock');
  holderFile(old, process.ppid);
  utimesSync(old, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
  const again = Date.now();
  assert.equal(await new FileLock(old, { pollMs: 5, timeoutMs: 2000 }).run(async () => 'ran'), 'ran');
  assert.ok(Date.now() - again < 1000, 'not by waiting for the timeout');
});

void test("FileLock.run: after timeoutMs a waiter goes on without the lock (the holder's lock stays)", async () => {
  const path = join(tmp.dir, 'busy.lock');
  holderFile(path, process.ppid);
  const started = Date.now();
  assert.equal(await new FileLock(path, { pollMs: 5, timeoutMs: 60 }).run(async () => 'went on'), 'went on');
  assert.ok(Date.now() - started >= 60);
  assert.equal(existsSync(path), true, 'not ours to remove');
});
