import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, MemoryResumeStore, ResumeTracker, type ResumeStore } from '../../../../../src/core';
import { memorySource } from '../../../../helpers/memorySource';

const identity = { kind: 'app', id: 'cli_a' } as const;
const target = { api: 'files', parentType: 'explorer', parentNode: 'fldA' } as const;
const bytes = Buffer.alloc(10, 7);
const onDisk = (b = bytes, mtimeMs = 1000) => ({ ...memorySource('a.bin', b), path: '/w/a.bin', mtimeMs });

void test('a new upload is recorded at prepare and after every confirmed part; done removes it', async () => {
  const store = new MemoryResumeStore();
  let now = 5_000_000;
  const tracker = new ResumeTracker({ store, identity, now: () => now });
  const t = await tracker.open(onDisk(), target, 'auto');
  assert.ok(t);
  assert.equal(t.previous, undefined);
  assert.equal(t.startOver, undefined);
  await t.prepared('u1', 4, 3, 4_999_000);
  now += 10;
  await t.confirmed(1);
  await t.confirmed(0);
  await t.confirmed(0); // again: no write
  assert.deepEqual(store.saves.map((s) => s.confirmed), [[], [1], [0, 1]]);
  assert.equal(store.saves[0].serverPreparedAt, 4_999_000);
  assert.deepEqual(t.kept(), { name: 'a.bin', confirmedParts: 2, parts: 3, confirmedBytes: 8, totalBytes: 10, resumableUntil: 5_000_000 + 24 * 3600_000 });
  await t.discard();
  await t.release();
  assert.deepEqual(await store.list(), []);
  assert.ok(!store.isLocked(store.saves[0].key));
});

void test('the next run continues the record; a changed file, a dead upload id or --no-resume start over', async () => {
  const store = new MemoryResumeStore();
  let now = 5_000_000;
  const tracker = new ResumeTracker({ store, identity, now: () => now });
  const first = await tracker.open(onDisk(), target, 'auto');
  await first!.prepared('u1', 4, 3);
  await first!.confirmed(0);
  await first!.release();

  const again = await tracker.open(onDisk(), target, 'auto');
  assert.equal(again?.previous?.uploadId, 'u1');
  assert.deepEqual(again?.previous?.confirmed, [0]);
  await again!.release();

  const changedHead = await tracker.open(onDisk(Buffer.alloc(10, 8)), target, 'auto');
  assert.equal(changedHead?.startOver, 'changed');
  assert.equal(changedHead?.previous, undefined);
  assert.deepEqual(await store.list(), [], 'the stale record is gone');
  await changedHead!.prepared('u2', 4, 3);
  await changedHead!.release();

  const mtime = await tracker.open(onDisk(Buffer.alloc(10, 8), 2000), target, 'auto');
  assert.equal(mtime?.startOver, 'changed', 'mtime differs');
  await mtime!.release();

  const t3 = await tracker.open(onDisk(), target, 'auto');
  await t3!.prepared('u3', 4, 3);
  await t3!.release();
  now += 23.5 * 3600_000;
  const old = await tracker.open(onDisk(), target, 'auto');
  assert.equal(old?.startOver, 'expired', 'less than the 1 h margin left');
  await old!.release();

  const t4 = await tracker.open(onDisk(), target, 'auto');
  await t4!.prepared('u4', 4, 3);
  await t4!.release();
  const restarted = await tracker.open(onDisk(), target, 'restart');
  assert.equal(restarted?.startOver, 'requested');
  await restarted!.release();
});

void test('another holder of the record: UPLOAD_IN_PROGRESS naming it; mode off and bytes without a file are not tracked', async () => {
  const store = new MemoryResumeStore();
  const tracker = new ResumeTracker({ store, identity });
  const held = await tracker.open(onDisk(), target, 'auto');
  await assert.rejects(
    tracker.open(onDisk(), target, 'auto'),
    (e: unknown) =>
      e instanceof FeishuError &&
      e.code === 'UPLOAD_IN_PROGRESS' &&
      e.message === `This file is already being uploaded to the same place by another window or process. "a.bin", held by process ${process.pid}. (UPLOAD_IN_PROGRESS)` &&
      e.hint === 'Wait for that upload to finish or stop it, then upload again: it continues where it stopped.',
  );
  await held!.release();
  assert.equal(await tracker.open(onDisk(), target, 'off'), undefined);
  assert.equal(await tracker.open(memorySource('a.bin', bytes), target, 'auto'), undefined);
});

void test('a store that cannot be written does not stop the upload: a warning, and it goes on untracked', async () => {
  const warnings: string[] = [];
  const memory = new MemoryResumeStore();
  const broken: ResumeStore = {
    lock: (k) => memory.lock(k),
    load: (k) => memory.load(k),
    save: async () => {
      throw new Error('ENOSPC: no space left on device');
    },
    remove: (k) => memory.remove(k),
    list: () => memory.list(),
    sweep: (b) => memory.sweep(b),
  };
  const t = await new ResumeTracker({ store: broken, identity, onWarning: (w) => warnings.push(w) }).open(onDisk(), target, 'auto');
  await t!.prepared('u1', 4, 3);
  await t!.confirmed(0);
  assert.equal(t!.kept(), undefined, 'nothing is claimed to be kept');
  assert.deepEqual(warnings, ['Could not write the resume record of a.bin (Error: ENOSPC: no space left on device); the upload goes on, but cannot be continued if interrupted.']);
  await t!.release();

  const unreadable: ResumeStore = { ...broken, lock: async () => Promise.reject(new Error('EACCES: permission denied')) };
  const none = await new ResumeTracker({ store: unreadable, identity, onWarning: (w) => warnings.push(w) }).open(onDisk(), target, 'auto');
  assert.equal(none, undefined);
  assert.equal(warnings.at(-1), 'Resume records cannot be used (Error: EACCES: permission denied); a.bin is uploaded without one.');
});
