import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { docxWritePacer } from '../../../../src/core';
import { FakeClock } from '../../../helpers/FakeClock';

/** Start times (fake ms) of `count` calls acquired at once under `keys(i)`. */
async function starts(clock: FakeClock, count: number, keys: (i: number) => string[]): Promise<number[]> {
  const pacer = docxWritePacer(clock, { marginMs: 0 });
  const at: number[] = [];
  const all = Array.from({ length: count }, (_, i) => pacer.acquire(keys(i)).then((dispatched) => (dispatched(), at.push(clock.now()))));
  await clock.advance(10_000);
  await Promise.all(all);
  return at.sort((a, b) => a - b);
}

void test('3 writes per second to one document: the 4th waits a window', async () => {
  assert.deepEqual(await starts(new FakeClock(), 7, () => ['app', 'document A']), [0, 0, 0, 1000, 1000, 1000, 2000]);
});

void test('the app key holds writes to different documents to 3 per second too', async () => {
  assert.deepEqual(await starts(new FakeClock(), 6, (i) => ['app', `document ${i}`]), [0, 0, 0, 1000, 1000, 1000]);
});

void test('a call waits until every key has room, and only then takes a slot in each', async () => {
  const clock = new FakeClock();
  const pacer = docxWritePacer(clock, { marginMs: 0 });
  for (let i = 0; i < 3; i++) (await pacer.acquire(['document A']))();
  await clock.advance(400);
  for (let i = 0; i < 2; i++) (await pacer.acquire(['app']))();
  // Document A is full until 1000; app has one slot left. The call must not hold that app slot meanwhile.
  let waited: number | undefined;
  void pacer.acquire(['app', 'document A']).then(() => (waited = clock.now()));
  await clock.advance(100);
  (await pacer.acquire(['app']))(); // takes the last app slot at 500: the waiting call did not
  await clock.advance(2000);
  assert.equal(waited, 1400, 'room on both keys: A from 1000, the app from 1400 (its oldest of three at 400)');
});

void test('a restamp at dispatch moves the slot to when the request really left', async () => {
  const clock = new FakeClock();
  const pacer = docxWritePacer(clock, { marginMs: 0 });
  const first = await pacer.acquire(['app']);
  await pacer.acquire(['app']);
  await pacer.acquire(['app']);
  await clock.advance(300);
  first(); // left only now
  let fourth: number | undefined;
  void pacer.acquire(['app']).then(() => (fourth = clock.now()));
  await clock.advance(2000);
  assert.equal(fourth, 1300, 'the first call counts from when it really left, so its window ends at 1300');
});
