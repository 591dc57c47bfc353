import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { identityOf } from '../../../../src/core';

void test('the app is named by its App ID; a pasted user token by a fingerprint that does not contain it', () => {
  assert.deepEqual(identityOf({ appId: ' cli_a1 ', appSecret: 's' }), { kind: 'app', id: 'cli_a1' });
  const token = 'u-abcdefghijklmnopqrstuvwxyz0123456789';
  const user = identityOf({ userAccessToken: token });
  assert.equal(user.kind, 'user');
  assert.match(user.id, /^token-[0-9a-f]{16}$/);
  assert.ok(!user.id.includes(token.slice(2, 10)));
  assert.deepEqual(identityOf({ userAccessToken: ` ${token} ` }), user, 'stable for the same token');
  assert.notDeepEqual(identityOf({ userAccessToken: `${token}x` }), user);
});
