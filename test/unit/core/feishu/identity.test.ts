import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { describeIdentity, identityOf, UserSession } from '../../../../src/core';
import { MemorySessionStore } from '../../../helpers/memorySessionStore';

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

void test('a signed-in user is their open_id and name; the log names each identity without a token', () => {
  const session = new UserSession({ store: new MemorySessionStore(), appId: 'cli_a1', base: 'https://open.feishu.cn', refresh: () => Promise.reject(new Error('unused')) });
  const user = identityOf({ session, user: { openId: 'ou_1', name: 'Ada Lin' } });
  assert.deepEqual(user, { kind: 'user', id: 'ou_1', name: 'Ada Lin' });
  assert.equal(describeIdentity(user), 'Ada Lin (ou_1)');
  assert.equal(describeIdentity({ kind: 'app', id: 'cli_a1' }), 'app cli_a1');
  assert.match(describeIdentity(identityOf({ userAccessToken: 'u-abcdefghijklmnopqrstuvwxyz' })), /^user token-[0-9a-f]{16}$/);
});
