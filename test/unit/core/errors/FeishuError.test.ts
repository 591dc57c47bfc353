import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError } from '../../../../src/core';

test('messages never contain a token', () => {
  const err = new FeishuError({
    code: 99991663,
    detail: 'Invalid access token for authorization: Bearer t-g1044ca7TWJQKSVXA5BSNHRVAABBCCDD and u-abcdefghijklmnopqrstuvwxyz "app_secret":"Zx9SecretValue123" eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig',
  });
  assert.doesNotMatch(err.message, /t-g1044|u-abcdef|Zx9Secret|eyJhbGci/);
  assert.match(err.message, /Bearer \*\*\*/);
});
