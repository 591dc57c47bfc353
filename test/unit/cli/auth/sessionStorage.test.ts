import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { english } from '../../../../src/core';
import { FileSessionStore } from '../../../../src/cli/auth/FileSessionStore';
import { KeychainSessionStore, type KeychainEntry } from '../../../../src/cli/auth/KeychainSessionStore';
import { KEYCHAIN_SERVICE, openSessionStorage, sessionKey } from '../../../../src/cli/auth/sessionStorage';
import { sessionAt } from '../../../helpers/memorySessionStore';

const dir = mkdtempSync(join(tmpdir(), 'feishu-storage-'));
after(() => rmSync(dir, { recursive: true, force: true }));

class FakeEntry implements KeychainEntry {
  password: string | null = null;
  getPassword(): string | null {
    return this.password;
  }
  setPassword(p: string): void {
    this.password = p;
  }
  deletePassword(): boolean {
    const had = this.password !== null;
    this.password = null;
    return had;
  }
}

void test('a reachable keychain keeps the sign-in: service feishu-upload, account session:<App ID>; no warning', async () => {
  const entry = new FakeEntry();
  const asked: string[] = [];
  const warnings: string[] = [];
  const storage = await openSessionStorage({ FEISHU_UPLOAD_CONFIG_DIR: dir }, 'cli_a1', 'https://open.feishu.cn', english, (w) => warnings.push(w), async (service, account) => {
    asked.push(`${service} ${account}`);
    return entry;
  });
  assert.deepEqual(asked, [`${KEYCHAIN_SERVICE} session:cli_a1`]);
  assert.ok(storage.store instanceof KeychainSessionStore);
  assert.equal(storage.where, 'the OS keychain');
  assert.deepEqual(warnings, []);
  const s = sessionAt(1_800_000_000_000);
  await storage.store.save(s);
  assert.deepEqual(JSON.parse(entry.password!), s);
  assert.deepEqual(await storage.store.load(), s);
  await storage.store.clear();
  assert.equal(await storage.store.load(), undefined);
  assert.equal(storage.lock.path, join(dir, 'locks', 'renew-cli_a1.lock'));
});

void test('no keychain (the binding will not load, or no Secret Service): the 0600 file, with one warning naming it', async () => {
  const warnings: string[] = [];
  const storage = await openSessionStorage({ FEISHU_UPLOAD_CONFIG_DIR: dir }, 'cli_a1', 'https://open.feishu.cn', english, (w) => warnings.push(w), async () => {
    throw new Error('Platform failure: DBus error: no session bus\nmore detail');
  });
  assert.ok(storage.store instanceof FileSessionStore);
  assert.equal(storage.where, join(dir, 'session-cli_a1.json'));
  assert.deepEqual(warnings, [`no OS keychain is reachable (Platform failure: DBus error: no session bus); the sign-in is kept in ${join(dir, 'session-cli_a1.json')}, readable only by you.`]);
  const quiet = await openSessionStorage({ FEISHU_UPLOAD_CONFIG_DIR: dir }, 'cli_a1', 'https://open.feishu.cn', english, undefined, async () => {
    throw new Error('x');
  });
  assert.ok(quiet.store instanceof FileSessionStore, 'no warn callback: no warning, same store');
});

void test('FEISHU_UPLOAD_KEYCHAIN=0 never touches the keychain', async () => {
  let touched = false;
  const storage = await openSessionStorage({ FEISHU_UPLOAD_CONFIG_DIR: dir, FEISHU_UPLOAD_KEYCHAIN: '0' }, 'cli_a1', 'https://open.feishu.cn', english, undefined, async () => {
    touched = true;
    return new FakeEntry();
  });
  assert.equal(touched, false);
  assert.ok(storage.store instanceof FileSessionStore);
});

void test('a session file others can read is reported', async () => {
  const path = join(dir, 'open', 'session-cli_a2.json');
  await new FileSessionStore(path).save(sessionAt(0, { appId: 'cli_a2' }));
  chmodSync(path, 0o644);
  const warnings: string[] = [];
  await openSessionStorage({ FEISHU_UPLOAD_CONFIG_DIR: join(dir, 'open'), FEISHU_UPLOAD_KEYCHAIN: '0' }, 'cli_a2', 'https://open.feishu.cn', english, (w) => warnings.push(w));
  assert.deepEqual(warnings, [`${path} is readable by other users: run "chmod 600" on it, or sign in again.`]);
});

void test('the file store writes 0600 through a rename, reads back, ignores damage, and clears', async () => {
  const path = join(dir, 'f', 'session.json');
  const store = new FileSessionStore(path);
  assert.equal(await store.load(), undefined);
  const s = sessionAt(5);
  await store.save(s);
  assert.deepEqual(await store.load(), s);
  assert.equal(await store.readableByOthers(), false);
  writeFileSync(path, '{ damaged');
  assert.equal(await store.load(), undefined);
  await store.clear();
  await store.clear();
  assert.equal(await store.load(), undefined);
});

void test('one sign-in per app and service: the brand\'s hosts by App ID alone, an override by its host too', () => {
  assert.equal(sessionKey('cli_a1', 'https://open.feishu.cn'), 'cli_a1');
  assert.equal(sessionKey('cli_a1', 'https://open.larksuite.com'), 'cli_a1');
  assert.equal(sessionKey('cli_a1', 'http://127.0.0.1:8123'), 'cli_a1@127.0.0.1:8123');
  assert.equal(sessionKey('cli_a1', 'https://proxy.example.com/feishu'), 'cli_a1@proxy.example.com');
});
