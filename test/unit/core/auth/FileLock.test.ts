import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FileLock } from '../../../../src/core';

const dir = mkdtempSync(join(tmpdir(), 'feishu-lock-'));
after(() => rmSync(dir, { recursive: true, force: true }));

void test('holders take turns: the second runs only after the first released, and the file is gone after', async () => {
  const path = join(dir, 'locks', 'renew.lock');
  const a = new FileLock(path, { pollMs: 5 });
  const b = new FileLock(path, { pollMs: 5 });
  const order: string[] = [];
  let release!: () => void;
  const first = a.run(async () => {
    order.push('a start');
    assert.equal(readFileSync(path, 'utf8').trim(), String(process.pid));
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

void test('the work\'s error comes through and the lock is released', async () => {
  const path = join(dir, 'err.lock');
  await assert.rejects(new FileLock(path).run(async () => Promise.reject(new Error('boom'))), /boom/);
  assert.equal(existsSync(path), false);
});

void test('a lock left by a process that is gone, or older than staleMs, is taken over', async () => {
  const dead = join(dir, 'dead.lock');
  writeFileSync(dead, '999999999\n');
  assert.equal(await new FileLock(dead, { pollMs: 5, timeoutMs: 2000 }).run(async () => 'ran'), 'ran');
  const old = join(dir, 'old.lock');
  writeFileSync(old, `${process.ppid}\n`);
  utimesSync(old, new Date(Date.now() - 120_000), new Date(Date.now() - 120_000));
  assert.equal(await new FileLock(old, { pollMs: 5, timeoutMs: 2000 }).run(async () => 'ran'), 'ran');
});

void test('after timeoutMs a waiter goes on without the lock (the holder\'s lock stays)', async () => {
  const path = join(dir, 'busy.lock');
  writeFileSync(path, `${process.ppid}\n`);
  const started = Date.now();
  assert.equal(await new FileLock(path, { pollMs: 5, timeoutMs: 60 }).run(async () => 'went on'), 'went on');
  assert.ok(Date.now() - started >= 60);
  assert.equal(existsSync(path), true, 'not ours to remove');
});
