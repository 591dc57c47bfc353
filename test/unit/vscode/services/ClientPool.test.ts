import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { CallGate, createEngines, docxWritePacer, DrivePacer, FeishuError, type ConnectOptions, type Credentials, type FeishuClient } from '../../../../src/core';
import { ClientPool } from '../../../../src/vscode/services/ClientPool';
import { DEFAULT_SETTINGS, type FeishuSettings } from '../../../../src/vscode/config/settings';
import { FakeClock } from '../../../helpers/FakeClock';

function pool(state: { creds?: Credentials; settings?: FeishuSettings }) {
  const built: { options: ConnectOptions; disposed: boolean }[] = [];
  const gate = new CallGate(new FakeClock());
  const clients = new ClientPool({
    connection: async () => (state.creds ? { credentials: state.creds } : undefined),
    settings: () => state.settings ?? DEFAULT_SETTINGS,
    gate,
    docxPacer: docxWritePacer(new FakeClock()),
    drivePacer: new DrivePacer(new FakeClock()),
    // The real factory over a fake client: what the pool hands to connect, and whether it closed it.
    createEngines: (engineOptions) =>
      createEngines(engineOptions, (options) => {
        if (!options.credentials) throw new FeishuError({ code: 'NO_CREDENTIALS' });
        const record = { options, disposed: false };
        built.push(record);
        return { dispose: () => (record.disposed = true) } as unknown as FeishuClient;
      }),
  });
  return { clients, built, gate };
}

void test('one client for many batches, all sharing the one gate', async () => {
  const { clients, built, gate } = pool({ creds: { appId: 'cli_1', appSecret: 's' } });
  const a = await clients.acquire();
  const b = await clients.acquire();
    assert.equal(a.uploader, b.uploader, 'the uploader remembers the root folder');
  assert.equal(a.documents, b.documents);
  assert.equal(a.importer, b.importer);
  assert.equal(built.length, 1);
  assert.equal(built[0].options.gate, gate);
  a.release();
  b.release();
});

void test('a credentials change replaces the client, and the old one closes only after its batch ends', async () => {
  const state: { creds?: Credentials } = { creds: { appId: 'cli_1', appSecret: 's' } };
  const { clients, built } = pool(state);
  const running = await clients.acquire();
  state.creds = { userAccessToken: 'u-2' };
  clients.invalidate();
  await Promise.resolve();
  const next = await clients.acquire();
  assert.notEqual(next.uploader, running.uploader);
  assert.deepEqual(built[1].options.credentials, { userAccessToken: 'u-2' });
  assert.equal(built[0].disposed, false, 'the running batch keeps its connection');
  running.release();
  running.release(); // twice is harmless
  assert.equal(built[0].disposed, true);
  next.release();
  assert.equal(built[1].disposed, false, 'the current client stays for the next batch');
});

void test('an idle client closes at once when invalidated; settings reach connect', async () => {
  const { clients, built } = pool({ creds: { userAccessToken: 'u-1' }, settings: { ...DEFAULT_SETTINGS, brand: 'lark', apiBaseUrl: 'http://127.0.0.1:9' } });
  (await clients.acquire()).release();
  assert.equal(built[0].options.brand, 'lark');
  assert.equal(built[0].options.baseUrl, 'http://127.0.0.1:9');
  clients.invalidate();
  await new Promise((r) => setImmediate(r));
  assert.equal(built[0].disposed, true);
});

void test('no credentials: acquire rejects, and the next acquire tries again', async () => {
  const state: { creds?: Credentials } = {};
  const { clients } = pool(state);
  await assert.rejects(clients.acquire(), (e: unknown) => e instanceof FeishuError && e.code === 'NO_CREDENTIALS');
  state.creds = { userAccessToken: 'u-1' };
  (await clients.acquire()).release();
});

void test('the real connect refuses an http base URL off loopback', async () => {
  const clients = new ClientPool({
    connection: async () => ({ credentials: { userAccessToken: 'u-1' } }),
    settings: () => ({ ...DEFAULT_SETTINGS, apiBaseUrl: 'http://evil.example.com' }),
    gate: new CallGate(new FakeClock()),
    docxPacer: docxWritePacer(new FakeClock()),
    drivePacer: new DrivePacer(new FakeClock()),
  });
  await assert.rejects(clients.acquire(), (e: unknown) => e instanceof FeishuError && e.code === 'BAD_BASE_URL');
});

void test('the signed-in person reaches the engines, also when acting as the app', async () => {
  const { clients } = pool({});
  const withUser = new ClientPool({
    connection: async () => ({ credentials: { appId: 'cli_1', appSecret: 's' }, signedInUser: { openId: 'ou_1', name: 'Ada Lin' } }),
    settings: () => DEFAULT_SETTINGS,
    gate: new CallGate(new FakeClock()),
    docxPacer: docxWritePacer(new FakeClock()),
    drivePacer: new DrivePacer(new FakeClock()),
    createEngines: (o) => createEngines(o, () => ({ dispose: () => undefined }) as unknown as FeishuClient),
  });
  const lease = await withUser.acquire();
  assert.deepEqual(lease.identity, { kind: 'app', id: 'cli_1' });
  assert.deepEqual(lease.signedInUser, { openId: 'ou_1', name: 'Ada Lin' });
  lease.release();
  clients.dispose();
});
