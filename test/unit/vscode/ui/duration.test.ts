import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { formatDurationLocal } from '../../../../src/vscode/ui/duration';
import { english } from '../../../../src/core';

void test('durations are localised', () => {
  assert.equal(formatDurationLocal(3.4, english), '3s');
  assert.equal(formatDurationLocal(75, english), '1m 15s');
  assert.equal(formatDurationLocal(3 * 3600 + 120, english), '3h 2m');
});
