import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { lingeringSignal } from '../../../../src/core/limits/lingeringSignal';
import { FakeClock } from '../../../helpers/FakeClock';

void test('follows the outer signal at once while it should not linger', () => {
  const outer = new AbortController();
  const s = lingeringSignal(outer.signal, () => false, 3000, new FakeClock());
  outer.abort();
  assert.equal(s.signal?.aborted, true);
});

void test('lingers up to the grace, then follows; a request that ends first is never aborted', async () => {
  const clock = new FakeClock();
  const outer = new AbortController();
  const late = lingeringSignal(outer.signal, () => true, 3000, clock);
  const early = lingeringSignal(outer.signal, () => true, 3000, clock);
  outer.abort();
  await clock.advance(2999);
  assert.equal(late.signal?.aborted, false);
  early.dispose(); // its request answered within the grace
  await clock.advance(1);
  assert.equal(late.signal?.aborted, true);
  assert.equal(early.signal?.aborted, false);
  late.dispose();
});

void test('no outer signal: nothing to follow', () => {
  const s = lingeringSignal(undefined, () => true, 3000, new FakeClock());
  assert.equal(s.signal, undefined);
  s.dispose();
});
