import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatBytes, formatDuration } from '../../../../src/core';

test('human sizes and durations', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1536), '1.5 KiB');
  assert.equal(formatBytes(256 * 1024 * 1024), '256 MiB');
  assert.equal(formatDuration(3.4), '3s');
  assert.equal(formatDuration(75), '1m 15s');
  assert.equal(formatDuration(3 * 3600 + 120), '3h 2m');
});
