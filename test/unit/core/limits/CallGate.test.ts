import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CallGate, FeishuError } from '../../../../src/core';
import { FakeClock } from '../../../helpers/FakeClock';

test('the gate lets one call in flight at a time, in order', async () => {
  const clock = new FakeClock();
  const gate = new CallGate(clock, { callsPerWindow: 100 });
  let inFlight = 0;
  let maxInFlight = 0;
  const order: number[] = [];
  const call = (n: number) => async () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    await clock.sleep(10);
    order.push(n);
    inFlight--;
    return n;
  };
  const all = Promise.all([1, 2, 3, 4].map((n) => gate.run(n % 2 ? 'a' : 'b', call(n))));
  await clock.advance(100);
  assert.deepEqual(await all, [1, 2, 3, 4]);
  assert.deepEqual(order, [1, 2, 3, 4]);
  assert.equal(maxInFlight, 1);
});

test('a caller cancelled while queued leaves at once and does not block the queue', async () => {
  const clock = new FakeClock();
  const gate = new CallGate(clock);
  const first = gate.run('a', () => clock.sleep(100));
  const ac = new AbortController();
  const second = gate.run('a', () => Promise.resolve('never'), ac.signal);
  const third = gate.run('a', () => Promise.resolve('third'));
  ac.abort();
  await assert.rejects(second, (e: unknown) => e instanceof FeishuError && e.code === 'CANCELLED' && /cancelled/.test(e.message));
  await clock.advance(100);
  await first;
  assert.equal(await third, 'third');
});
