import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { TenantTokenProvider } from '../../../../src/core/feishu/auth';
import { FakeClock } from '../../../helpers/FakeClock';

test('tenant token: fetched once for concurrent callers, cached, renewed 3 minutes before expiry', async () => {
  const clock = new FakeClock();
  let fetches = 0;
  const provider = new TenantTokenProvider(async () => ({ token: `tok${++fetches}`, expireSeconds: 7200 }), clock);
  const [a, b] = await Promise.all([provider.getToken(), provider.getToken()]);
  assert.equal(a, 'tok1');
  assert.equal(b, 'tok1');
  assert.equal(fetches, 1);
  await clock.advance((7200 - 181) * 1000);
  assert.equal(await provider.getToken(), 'tok1');
  await clock.advance(2000);
  assert.equal(await provider.getToken(), 'tok2');
  assert.equal(fetches, 2);
});

test('tenant token: invalidation forces one new fetch; a failed fetch is not cached', async () => {
  const clock = new FakeClock();
  let fetches = 0;
  let fail = true;
  const provider = new TenantTokenProvider(async () => {
    fetches++;
    if (fail) throw new Error('wrong secret');
    return { token: `tok${fetches}`, expireSeconds: 7200 };
  }, clock);
  await assert.rejects(provider.getToken(), /wrong secret/);
  fail = false;
  assert.equal(await provider.getToken(), 'tok2');
  assert.equal(provider.invalidate('tok2'), true);
  assert.equal(await provider.getToken(), 'tok3');
});

test('tenant token: one caller cancelling does not fail the others waiting on the same fetch', async () => {
  const clock = new FakeClock();
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const provider = new TenantTokenProvider(async () => {
    await gate;
    return { token: 'tok', expireSeconds: 7200 };
  }, clock);
  const ac = new AbortController();
  const cancelled = provider.getToken(ac.signal);
  const other = provider.getToken(new AbortController().signal);
  ac.abort();
  await assert.rejects(cancelled, /The upload was cancelled\./);
  release();
  assert.equal(await other, 'tok');
});
