import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { parseSession } from '../../../../src/core';
import { sessionAt } from '../../../helpers/memorySessionStore';

void test('a stored session reads back as it was; without a refresh token too', () => {
  const s = sessionAt(1_800_000_000_000);
  assert.deepEqual(parseSession(JSON.stringify(s)), s);
  const noRefresh = { ...s, refreshToken: undefined, refreshExpiresAt: undefined };
  assert.deepEqual(parseSession(JSON.stringify(noRefresh)), noRefresh);
});

void test('anything else is no session: empty, damaged, an older format, missing or wrong fields', () => {
  const s = sessionAt(0);
  for (const text of [undefined, null, '', 'not json', '42', '{}', JSON.stringify({ ...s, accessToken: '' }), JSON.stringify({ ...s, scopes: 'a b' }), JSON.stringify({ ...s, accessExpiresAt: '1' }), JSON.stringify({ ...s, refreshExpiresAt: undefined })]) {
    assert.equal(parseSession(text), undefined, String(text));
  }
});
