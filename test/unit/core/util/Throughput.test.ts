import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Throughput } from '../../../../src/core';

test('speed over a sliding window and ETA', () => {
  const t = new Throughput(3000);
  assert.equal(t.bytesPerSecond(), undefined);
  t.add(0, 0);
  t.add(50, 100);
  assert.equal(t.bytesPerSecond(), undefined, 'under 100 ms is too short to tell');
  t.add(1000, 1_000_000);
  assert.equal(t.bytesPerSecond(), 1_000_000);
  assert.equal(t.etaSeconds(5_000_000), 5);
  // Samples older than the window fall out (keeping one anchor): 2 MB over the last 5 s, not 3 MB over 6 s.
  t.add(4000, 1_000_000);
  t.add(6000, 3_000_000);
  assert.equal(t.bytesPerSecond(), 400_000);
});
