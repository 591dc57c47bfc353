import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { redact } from '../../../../src/core';

const JWT = 'eyJhbGciOiJFUzI1NiJ9.eyJ0eXAiOiJhY2Nlc3MiLCJzdWIiOiJvdV8xIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ';

void test('tokens of every shape are hidden: prefixed, JWT (v2 user and refresh tokens), Bearer and Basic headers', () => {
  assert.equal(redact('t-g1044abcdefghijklmnopqrstuv and u-abcdefghijklmnopqrstu and ur-abcdefghijklmnopqrstu'), '*** and *** and ***');
  assert.equal(redact(`token ${JWT} end`), 'token *** end');
  assert.equal(redact('Authorization: Bearer abc.def'), 'Authorization: Bearer ***');
  assert.equal(redact('Authorization: Basic Y2xpOnNlY3JldA=='), 'Authorization: Basic ***');
  assert.equal(redact('Basic client credentials are wrong; Bearer ok'), 'Basic client credentials are wrong; Bearer ***', 'words after Basic stay');
});

void test('named fields in JSON, forms and our saved sign-in are hidden, whatever their value looks like', () => {
  const json = JSON.stringify({ client_secret: 's3cr3t', code_verifier: 'v', device_code: 'dc', refresh_token: 'r', accessToken: 'a', refreshToken: 'rr', appSecret: 'x', name: 'Ada' });
  const out = redact(json);
  for (const secret of ['s3cr3t', '"v"', '"dc"', '"r"', '"a"', '"rr"', '"x"']) assert.ok(!out.includes(secret), `${secret} in ${out}`);
  assert.match(out, /"name":"Ada"/);
  assert.equal(redact('grant_type=refresh_token&refresh_token=abc&client_secret=def&client_id=cli_1'), 'grant_type=refresh_token&refresh_token=***&client_secret=***&client_id=cli_1');
});

void test('the one-time code of a callback URL is hidden; the rest of the URL stays', () => {
  assert.equal(redact('GET http://127.0.0.1:47123/callback?code=Xy12abc&state=s'), 'GET http://127.0.0.1:47123/callback?code=***&state=s');
  assert.equal(redact('error code 1061004'), 'error code 1061004');
});

void test('given secrets are hidden wherever they appear', () => {
  assert.equal(redact('the secret is hunter22 here', ['hunter22']), 'the secret is *** here');
});
