import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { english, UserSession } from '../../../../src/core';
import { whoLabel } from '../../../../src/vscode/auth/whoLabel';
import { MemorySessionStore } from '../../../helpers/memorySessionStore';

void test('the status bar names the user, a pasted token, or the app; nothing when nobody can upload', () => {
  const session = new UserSession({ store: new MemorySessionStore(), appId: 'cli_1', base: 'https://open.feishu.cn', refresh: () => Promise.reject(new Error('unused')) });
  assert.equal(whoLabel({ credentials: { session, user: { openId: 'ou_1', name: 'Ada Lin' } } }, english), 'Ada Lin');
  assert.equal(whoLabel({ credentials: { userAccessToken: 'u-x' } }, english), 'user token');
  assert.equal(whoLabel({ credentials: { appId: 'cli_1', appSecret: 's' } }, english), 'app cli_1');
  assert.equal(whoLabel(undefined, english), undefined);
});
