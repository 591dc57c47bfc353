import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SECRET_KEYS, SecretStore, type SecretStoragePort } from '../../../../src/vscode/credentials/SecretStore';
import { sessionAt } from '../../../helpers/memorySessionStore';

/** SecretStorage over a Map; change events fire like VS Code's (for this and "other windows"). */
class FakeSecrets implements SecretStoragePort {
  readonly map = new Map<string, string>();
  private readonly listeners = new Set<(e: { key: string }) => unknown>();
  async get(key: string): Promise<string | undefined> {
    return this.map.get(key);
  }
  async store(key: string, value: string): Promise<void> {
    this.map.set(key, value);
    this.fire(key);
  }
  async delete(key: string): Promise<void> {
    if (this.map.delete(key)) this.fire(key);
  }
  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
  fire(key: string): void {
    for (const l of this.listeners) l({ key });
  }
}

void test('app credentials: stored trimmed in secret storage; they replace a pasted token, not a sign-in of the same app', async () => {
  const secrets = new FakeSecrets();
  const store = new SecretStore(secrets);
  assert.equal(await store.appCredentials(), undefined);
  await store.saveSignIn(sessionAt(0, { appId: 'cli_a1' }));
  await store.setUserAccessToken(' u-token ');
  assert.equal(await store.pastedToken(), 'u-token');
  assert.equal(await store.sessions.load(), undefined, 'a pasted token replaces the sign-in: one user at a time');
  await store.saveSignIn(sessionAt(0, { appId: 'cli_a1' }));
  assert.equal(await store.pastedToken(), undefined, 'and a sign-in replaces a pasted token');
  await store.setAppCredentials(' cli_a1 ', ' s3cret ');
  assert.deepEqual(await store.appCredentials(), { appId: 'cli_a1', appSecret: 's3cret' });
  assert.equal((await store.sessions.load())?.appId, 'cli_a1', 'the sign-in of this app stays');
  await store.setAppCredentials('cli_b2', 'other');
  assert.equal(await store.sessions.load(), undefined, 'a sign-in made with another app cannot be renewed with this one');
  assert.equal(await store.appId(), 'cli_b2');
});

void test('the session is kept as JSON under feishu.userSession, replaced in one step', async () => {
  const secrets = new FakeSecrets();
  const store = new SecretStore(secrets);
  const s = sessionAt(1_800_000_000_000);
  await store.sessions.save(s);
  assert.deepEqual(JSON.parse(secrets.map.get(SECRET_KEYS.userSession)!), s);
  assert.deepEqual(await store.sessions.load(), s);
  secrets.map.set(SECRET_KEYS.userSession, '{damaged');
  assert.equal(await store.sessions.load(), undefined);
});

void test('signing the user out keeps the app; forgetting the app keeps nothing of it; both say whether there was anything', async () => {
  const secrets = new FakeSecrets();
  const store = new SecretStore(secrets);
  await store.setAppCredentials('cli_a1', 's3cret');
  await store.saveSignIn(sessionAt(0, { appId: 'cli_a1' }));
  assert.equal(await store.signOutUser(), true);
  assert.equal(await store.signOutUser(), false);
  assert.deepEqual(await store.appCredentials(), { appId: 'cli_a1', appSecret: 's3cret' });
  assert.equal(await store.forgetApp(), true);
  assert.equal(await store.forgetApp(), false);
  assert.equal(secrets.map.size, 0);
});

void test('onDidChange fires for our keys only (a change made in another window reaches this one)', async () => {
  const secrets = new FakeSecrets();
  const store = new SecretStore(secrets);
  let changes = 0;
  const keys: string[] = [];
  const sub = store.onDidChange((key) => {
    changes++;
    keys.push(key);
  });
  secrets.fire('someone.else');
  secrets.fire(SECRET_KEYS.appSecret);
  assert.equal(changes, 1);
  secrets.fire(SECRET_KEYS.userSession);
  assert.deepEqual(keys, [SECRET_KEYS.appSecret, SECRET_KEYS.userSession]);
  changes = 1;
  sub.dispose();
  secrets.fire(SECRET_KEYS.appSecret);
  assert.equal(changes, 1);
});
