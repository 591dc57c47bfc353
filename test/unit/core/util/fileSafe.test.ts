import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { fileSafe } from '../../../../src/core';

void test('an App ID becomes a file name that stays in the folder', () => {
  assert.equal(fileSafe('cli_a1b2'), 'cli_a1b2');
  assert.equal(fileSafe('../../etc/passwd'), '.._.._etc_passwd');
  assert.equal(fileSafe('cli_a1@127.0.0.1:8123'), 'cli_a1@127.0.0.1_8123');
});
