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

test('a note says what a failure left behind, after the context; withNote keeps everything else', () => {
  const err = new FeishuError({ code: 1770025, detail: 'Feishu says: "x".', endpoint: 'docx/v1/documents/d/blocks/b', httpStatus: 400, logId: 'L1' });
  const noted = err.withNote({ text: 'The document "{0}" still has its previous content; nothing was changed.', args: ['Plan u-abcdefghijklmnopqrstuvwxyz'] });
  assert.equal(noted.message, `${err.message} The document "Plan ***" still has its previous content; nothing was changed.`, 'note arguments are redacted too');
  assert.deepEqual([noted.code, noted.detail, noted.endpoint, noted.httpStatus, noted.logId, noted.hint], [err.code, err.detail, err.endpoint, err.httpStatus, err.logId, err.hint]);
  assert.equal(noted.cause, err);
  assert.equal(err.note, undefined);
});
