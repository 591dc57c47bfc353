import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatBytes, formatDuration, Throughput } from '../../src/core';

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

test('human sizes and durations', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(256 * 1024 * 1024), '256 MiB');
  assert.equal(formatDuration(3.4), '3s');
  assert.equal(formatDuration(75), '1m 15s');
  assert.equal(formatDuration(3 * 3600 + 120), '3h 2m');
});
