import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { DRIVE_LIMITS, DrivePacer, type DriveCall } from '../../../../src/core';
import { FakeClock } from '../../../helpers/FakeClock';

/** Start times (fake ms) of `count` calls of one kind acquired at once. */
async function starts(pacer: DrivePacer, clock: FakeClock, call: DriveCall, count: number, until = 200_000): Promise<number[]> {
  const at: number[] = [];
  const all = Array.from({ length: count }, () => pacer.acquire(call).then((dispatched) => (dispatched(), at.push(clock.now()))));
  await clock.advance(until);
  await Promise.all(all);
  return at.sort((a, b) => a - b);
}

void test("Feishu's limits: listing 20/s, metas 50/s and 1000/min, permissions 100/min", () => {
  assert.deepEqual(DRIVE_LIMITS.list, [{ calls: 20, windowMs: 1000 }]);
  assert.deepEqual(DRIVE_LIMITS.metas, [
    { calls: 50, windowMs: 1000 },
    { calls: 1000, windowMs: 60_000 },
  ]);
  assert.deepEqual(DRIVE_LIMITS.public, [{ calls: 100, windowMs: 60_000 }]);
  assert.deepEqual(DRIVE_LIMITS.members, [{ calls: 100, windowMs: 60_000 }]);
});

void test('listing: the 21st call in a second waits for the window', async () => {
  const clock = new FakeClock();
  const at = await starts(new DrivePacer(clock, { marginMs: 0 }), clock, 'list', 21);
  assert.deepEqual(at.slice(19), [0, 1000]);
});

void test('two windows at once: the per-second one and the per-minute one both hold', async () => {
  const clock = new FakeClock();
  const limits = { ...DRIVE_LIMITS, metas: [{ calls: 2, windowMs: 1000 }, { calls: 3, windowMs: 10_000 }] };
  const at = await starts(new DrivePacer(clock, { marginMs: 0, limits }), clock, 'metas', 5);
  assert.deepEqual(at, [0, 0, 1000, 10_000, 10_000]);
});

void test('kinds are paced apart: a full listing window does not hold up permission calls', async () => {
  const clock = new FakeClock();
  const pacer = new DrivePacer(clock, { marginMs: 0 });
  for (let i = 0; i < 20; i++) (await pacer.acquire('list'))();
  let shared: number | undefined;
  void pacer.acquire('public').then(() => (shared = clock.now()));
  await clock.advance(0);
  assert.equal(shared, 0);
});

void test('permission calls: 100 a minute, the 101st a minute later', async () => {
  const clock = new FakeClock();
  const at = await starts(new DrivePacer(clock, { marginMs: 0 }), clock, 'public', 101);
  assert.deepEqual([at[99], at[100]], [0, 60_000]);
});
