import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError } from '../../../../src/core';
import { DEFAULT_RETRY_POLICY, retryDelay, withRetry } from '../../../../src/core/limits/retry';
import { FakeClock } from '../../../helpers/FakeClock';

const half = () => 0.5; // no jitter
const err = (code: number | 'NETWORK' | 'TIMEOUT' | 'HTTP_ERROR' | 'CANCELLED', retryAfterMs?: number) => new FeishuError({ code, retryAfterMs });

test('transient, rate and network errors are retried with growing delays', () => {
  for (const code of [1061045, 1061001, 1061006, 99991400, 'NETWORK', 'TIMEOUT', 'HTTP_ERROR'] as const) {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5].map((n) => retryDelay(err(code), n, DEFAULT_RETRY_POLICY, half)),
      [500, 1000, 2000, 4000, 8000, 8000],
      String(code),
    );
    assert.equal(retryDelay(err(code), 6, DEFAULT_RETRY_POLICY, half), undefined, `${code} stops after 6 retries`);
  }
});

test('permission, quota, validation, auth and cancellation are never retried', () => {
  for (const code of [1061004, 1061073, 1061101, 1061061, 1061043, 1062008, 1061044, 99991672, 10015, 'CANCELLED'] as const) {
    assert.equal(retryDelay(err(code), 0, DEFAULT_RETRY_POLICY, half), undefined, String(code));
  }
  assert.equal(retryDelay(new Error('plain'), 0, DEFAULT_RETRY_POLICY, half), undefined);
});

test('jitter stays within ±20 %; a server-requested wait (x-ogw-ratelimit-reset) wins, capped', () => {
  assert.equal(retryDelay(err(1061045), 0, DEFAULT_RETRY_POLICY, () => 0), 400);
  assert.equal(retryDelay(err(1061045), 0, DEFAULT_RETRY_POLICY, () => 1), 600);
  assert.equal(retryDelay(err(99991400, 3000), 0, DEFAULT_RETRY_POLICY, half), 3000);
  assert.equal(retryDelay(err(99991400, 3_600_000), 0, DEFAULT_RETRY_POLICY, half), 60_000);
});

test('withRetry waits, retries and returns; a fatal error passes straight through', async () => {
  const clock = new FakeClock();
  let calls = 0;
  const retried: number[] = [];
  const p = withRetry(
    async () => {
      if (++calls < 3) throw err(1061045);
      return 'ok';
    },
    { policy: DEFAULT_RETRY_POLICY, clock, random: half, onRetry: (_e, n, ms) => retried.push(n, ms) },
  );
  await clock.advance(10_000);
  assert.equal(await p, 'ok');
  assert.equal(calls, 3);
  assert.deepEqual(retried, [0, 500, 1, 1000]);

  let fatalCalls = 0;
  await assert.rejects(
    withRetry(
      async () => {
        fatalCalls++;
        throw err(1061004);
      },
      { policy: DEFAULT_RETRY_POLICY, clock, random: half },
    ),
    /No permission to upload to this folder or document/,
  );
  assert.equal(fatalCalls, 1);
});

test('withRetry stops waiting as soon as the signal aborts', async () => {
  const clock = new FakeClock();
  const ac = new AbortController();
  const p = withRetry(() => Promise.reject(err('NETWORK')), { policy: DEFAULT_RETRY_POLICY, clock, random: half, signal: ac.signal });
  await clock.advance(10);
  ac.abort();
  await assert.rejects(p, (e: unknown) => e instanceof FeishuError && e.code === 'CANCELLED');
});
