import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Throttle } from '../../../../src/vscode/ui/Throttle';
import { FakeClock } from '../../../helpers/FakeClock';

void test('throttle: at most one emit per 200 ms, the latest state emitted at the end of the interval', async () => {
  const clock = new FakeClock();
  const emits: number[] = [];
  const throttle = new Throttle(clock, 200, () => emits.push(clock.now()));
  throttle.push(); // leading edge
  for (let i = 0; i < 50; i++) {
    await clock.advance(10);
    throttle.push();
  }
  await clock.advance(500);
  assert.deepEqual(emits, [0, 200, 400, 600]);
  for (let i = 1; i < emits.length; i++) assert.ok(emits[i] - emits[i - 1] >= 200);
  throttle.dispose();
});

void test('throttle: dispose drops the pending emit', async () => {
  const clock = new FakeClock();
  let emits = 0;
  const throttle = new Throttle(clock, 200, () => emits++);
  throttle.push();
  throttle.push();
  throttle.dispose();
  await clock.advance(1000);
  assert.equal(emits, 1);
  assert.equal(clock.pending, 0);
});
