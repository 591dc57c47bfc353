import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { RateLimiter } from '../../../../src/core/limits/RateLimiter';
import { FakeClock } from '../../../helpers/FakeClock';

test('at most 5 starts in any window (+ margin) per key; keys are independent', async () => {
  const clock = new FakeClock();
  const limiter = new RateLimiter(clock, { callsPerWindow: 5, windowMs: 1000, marginMs: 25 });
  const starts: number[] = [];
  const run = (async () => {
    for (let i = 0; i < 12; i++) {
      await limiter.acquire('upload_part');
      starts.push(clock.now());
    }
  })();
  await clock.advance(5000);
  await run;
  assert.deepEqual(starts, [0, 0, 0, 0, 0, 1025, 1025, 1025, 1025, 1025, 2050, 2050]);
  for (let i = 5; i < starts.length; i++) assert.ok(starts[i] - starts[i - 5] >= 1000, `window broken at ${i}`);
  // Another endpoint has its own budget.
  assert.equal(limiter.delayFor('upload_finish'), 0);
});

test('spaced calls never wait', async () => {
  const clock = new FakeClock();
  const limiter = new RateLimiter(clock);
  for (let i = 0; i < 20; i++) {
    assert.equal(limiter.delayFor('k'), 0, `call ${i}`);
    await limiter.acquire('k');
    await clock.advance(250);
  }
  assert.equal(clock.sleeps.length, 0);
});

test('a call that leaves late is re-stamped: the next window counts from when it really left', async () => {
  const clock = new FakeClock();
  const limiter = new RateLimiter(clock, { callsPerWindow: 1, windowMs: 1000, marginMs: 0 });
  const restamp = await limiter.acquire('k');
  await clock.advance(300); // event loop busy: the request got its socket 300 ms after pacing let it go
  restamp();
  assert.equal(limiter.delayFor('k'), 1000, 'counted from 300 ms, not from 0');
  await clock.advance(700);
  assert.equal(limiter.delayFor('k'), 300);
  // Re-stamping never moves a start earlier.
  const again = await limiter.acquire('other');
  const stampedAt = clock.now();
  again();
  assert.equal(limiter.delayFor('other'), stampedAt + 1000 - clock.now());
});
