import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { SECRET_KEYS, SecretStore, type SecretStoragePort } from '../../../../src/vscode/credentials/SecretStore';

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

void test('app credentials: stored trimmed in secret storage, and they replace a user token', async () => {
  const secrets = new FakeSecrets();
  const store = new SecretStore(secrets);
  assert.equal(await store.credentials(), undefined);
  await store.setUserAccessToken(' u-token ');
  assert.deepEqual(await store.credentials(), { userAccessToken: 'u-token' });
  await store.setAppCredentials(' cli_a1 ', ' s3cret ');
  assert.deepEqual(await store.credentials(), { appId: 'cli_a1', appSecret: 's3cret' });
  assert.equal(secrets.map.has(SECRET_KEYS.userAccessToken), false);
  assert.equal(await store.identity(), 'app');
});

void test('a user token replaces the secret but keeps the App ID to prefill the input box', async () => {
  const secrets = new FakeSecrets();
  const store = new SecretStore(secrets);
  await store.setAppCredentials('cli_a1', 's3cret');
  await store.setUserAccessToken('u-token');
  assert.deepEqual(await store.credentials(), { userAccessToken: 'u-token' });
  assert.equal(await store.appId(), 'cli_a1');
  assert.equal(secrets.map.has(SECRET_KEYS.appSecret), false);
  assert.equal(await store.identity(), 'user');
});

void test('sign out deletes everything and says whether there was anything', async () => {
  const secrets = new FakeSecrets();
  const store = new SecretStore(secrets);
  await store.setAppCredentials('cli_a1', 's3cret');
  assert.equal(await store.signOut(), true);
  assert.equal(secrets.map.size, 0);
  assert.equal(await store.signOut(), false);
  assert.equal(await store.credentials(), undefined);
});

void test('onDidChange fires for our keys only (a change made in another window reaches this one)', async () => {
  const secrets = new FakeSecrets();
  const store = new SecretStore(secrets);
  let changes = 0;
  const sub = store.onDidChange(() => changes++);
  secrets.fire('someone.else');
  secrets.fire(SECRET_KEYS.appSecret);
  assert.equal(changes, 1);
  sub.dispose();
  secrets.fire(SECRET_KEYS.appSecret);
  assert.equal(changes, 1);
});
