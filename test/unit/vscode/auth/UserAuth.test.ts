import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { FeishuError } from '../../../../src/core';
import { SIGNED_IN_BEFORE_KEY, UserAuth } from '../../../../src/vscode/auth/UserAuth';
import { DEFAULT_SETTINGS, type FeishuSettings } from '../../../../src/vscode/config/settings';
import { SecretStore, type SecretStoragePort } from '../../../../src/vscode/credentials/SecretStore';
import { sessionAt } from '../../../helpers/memorySessionStore';

const dir = mkdtempSync(join(tmpdir(), 'feishu-userauth-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function make(settings: Partial<FeishuSettings> = {}) {
  const map = new Map<string, string>();
  const storage: SecretStoragePort = {
    get: async (k) => map.get(k),
    store: async (k, v) => void map.set(k, v),
    delete: async (k) => void map.delete(k),
    onDidChange: () => ({ dispose: () => undefined }),
  };
  const state = new Map<string, unknown>();
  const lines: string[] = [];
  const secrets = new SecretStore(storage);
  const auth = new UserAuth({
    secrets,
    settings: () => ({ ...DEFAULT_SETTINGS, ...settings }),
    state: { get: (k) => state.get(k), update: async (k, v) => void state.set(k, v) },
    lockDir: dir,
    log: { info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) },
  });
  return { auth, secrets, state, lines, map };
}

void test('no app credentials: no OAuth client (NO_APP_CREDENTIALS), nobody signed in', async () => {
  const { auth } = make();
  await assert.rejects(auth.oauth(), (e: FeishuError) => e.code === 'NO_APP_CREDENTIALS');
  assert.equal(await auth.signedIn(), undefined);
  assert.equal(await auth.connection(), undefined);
});

void test('a saved sign-in is the connection: the user acts and is the signed-in person; it is remembered that this machine signs in', async () => {
  const { auth, secrets, state, lines } = make();
  await secrets.setAppCredentials('cli_test', 's');
  assert.deepEqual(await auth.connection(), { credentials: { appId: 'cli_test', appSecret: 's' }, signedInUser: undefined });
  await auth.saveSignIn(sessionAt(Date.now()));
  assert.equal(state.get(SIGNED_IN_BEFORE_KEY), true);
  const c = await auth.connection();
  assert.ok(c && 'session' in c.credentials);
  assert.deepEqual(c.signedInUser, { openId: 'ou_0123456789abcdef0123456789abcdef', name: 'Ada Lin' });
  assert.match(lines.join('\n'), /Signed in as Ada Lin \(ou_0123456789abcdef0123456789abcdef\) with the app cli_test; granted: drive:file:upload offline_access\./);
  assert.doesNotMatch(lines.join('\n'), /access-1|refresh-1/, 'no token in the log');
});

void test('feishu.identity "app": the app acts and names the signed-in person (what issue 10 shares with)', async () => {
  const { auth, secrets } = make({ identity: 'app' });
  await secrets.setAppCredentials('cli_test', 's');
  await auth.saveSignIn(sessionAt(Date.now()));
  assert.deepEqual(await auth.connection(), { credentials: { appId: 'cli_test', appSecret: 's' }, signedInUser: { openId: 'ou_0123456789abcdef0123456789abcdef', name: 'Ada Lin' } });
});

void test('sign-out: the user goes, the app stays; then Sign In is what is missing', async () => {
  const { auth, secrets } = make();
  await secrets.setAppCredentials('cli_test', 's');
  await auth.saveSignIn(sessionAt(Date.now()));
  assert.deepEqual(await auth.signOut(), { name: 'Ada Lin' });
  assert.equal(await auth.signOut(), undefined);
  assert.deepEqual(await auth.choice(), { missing: 'signIn', appAvailable: true });
  assert.ok(await secrets.appCredentials());
});

void test('a sign-in of another app does not count; a pasted token does', async () => {
  const { auth, secrets, map } = make();
  await secrets.setAppCredentials('cli_other', 's');
  map.set('feishu.userSession', JSON.stringify(sessionAt(Date.now())));
  assert.equal(await auth.signedIn(), undefined);
  await secrets.setUserAccessToken('u-pasted');
  assert.deepEqual(await auth.connection(), { credentials: { userAccessToken: 'u-pasted' } });
});
