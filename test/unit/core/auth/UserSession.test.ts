import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, UserSession, type RenewalLock, type TokenGrant, type UserSessionOptions } from '../../../../src/core';
import { MemorySessionStore, sessionAt } from '../../../helpers/memorySessionStore';

const T0 = 1_800_000_000_000;

/** A wall clock the test moves, and a sleep that moves it. */
function clock(): { now: () => number; sleep: (ms: number) => Promise<void>; advance(ms: number): void } {
  let t = T0;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A token endpoint stand-in: issues access-N / refresh-N, spends refresh tokens, or throws what it is told. */
class FakeEndpoint {
  calls: string[] = [];
  private n = 1;
  private spent = new Set<string>();
  failures: FeishuError[] = [];
  /** Holds each refresh until released (to race two callers). */
  gate?: Promise<void>;

  /** From now on refreshes wait; the returned function lets them go. */
  hold(): () => void {
    let release!: () => void;
    this.gate = new Promise((r) => (release = r));
    return release;
  }

  refresh = async (refreshToken: string): Promise<TokenGrant> => {
    this.calls.push(refreshToken);
    await this.gate;
    const failure = this.failures.shift();
    if (failure) throw failure;
    if (this.spent.has(refreshToken)) throw new FeishuError({ code: 20073 });
    this.spent.add(refreshToken);
    this.n++;
    return { accessToken: `access-${this.n}`, expiresIn: 7200, refreshToken: `refresh-${this.n}`, refreshExpiresIn: 604800, scopes: ['drive:file:upload', 'offline_access'] };
  };
}

function make(store: MemorySessionStore, endpoint: FakeEndpoint, c = clock(), more: Partial<UserSessionOptions> = {}): UserSession {
  return new UserSession({ store, appId: 'cli_test', base: 'https://open.feishu.cn', refresh: endpoint.refresh, now: c.now, sleep: c.sleep, ...more });
}

void test('a fresh access token is handed out as it is, without a call', async () => {
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  const session = make(store, endpoint);
  assert.equal(await session.getToken(), 'access-1');
  assert.deepEqual(await session.user(), { openId: 'ou_0123456789abcdef0123456789abcdef', name: 'Ada Lin' });
  assert.deepEqual(endpoint.calls, []);
});

void test('5 minutes before expiry it renews: the new pair is stored, with new expiry times', async () => {
  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  const renewed: string[] = [];
  const session = make(store, endpoint, c, { onRenewed: (s) => renewed.push(s.accessToken) });
  c.advance(7200_000 - 300_000 - 1);
  assert.equal(await session.getToken(), 'access-1', 'not yet');
  c.advance(1);
  assert.equal(await session.getToken(), 'access-2');
  assert.deepEqual(endpoint.calls, ['refresh-1']);
  assert.equal(store.session?.refreshToken, 'refresh-2');
  assert.equal(store.session?.accessExpiresAt, c.now() + 7200_000);
  assert.equal(store.session?.refreshExpiresAt, c.now() + 604_800_000);
  assert.deepEqual(renewed, ['access-2']);
});

void test('concurrent callers in one process share one renewal', async () => {
  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  const release = endpoint.hold();
  const session = make(store, endpoint, c);
  c.advance(7200_000);
  const waiting = Promise.all([session.getToken(), session.getToken(), session.getToken()]);
  await new Promise((r) => setImmediate(r));
  release();
  assert.deepEqual(await waiting, ['access-2', 'access-2', 'access-2']);
  assert.deepEqual(endpoint.calls, ['refresh-1']);
});

void test('a token Feishu refused (99991668 / 99991677) is renewed on the next getToken even before its expiry', async () => {
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  const session = make(store, endpoint);
  assert.equal(await session.getToken(), 'access-1');
  assert.equal(session.invalidate('access-1'), true);
  assert.equal(await session.getToken(), 'access-2');
  assert.equal(await session.getToken(), 'access-2', 'renewed once');
  assert.equal(session.invalidate('access-1'), true, 'an old token: the current one is simply tried');
  assert.equal(await session.getToken(), 'access-2');
  assert.deepEqual(endpoint.calls, ['refresh-1']);
});

void test('two windows on one store, no lock: the loser of the race gets 20073 and picks up the winner\'s pair', async () => {
  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  const a = make(store, endpoint, c);
  const b = make(store, endpoint, c);
  await Promise.all([a.current(), b.current()]);
  c.advance(7200_000);
  const [ta, tb] = await Promise.all([a.getToken(), b.getToken()]);
  assert.equal(ta, 'access-2');
  assert.equal(tb, 'access-2', 'B read what A stored');
  assert.deepEqual(endpoint.calls, ['refresh-1', 'refresh-1']);
  assert.equal(store.clears, 0, 'nobody was signed out');
  assert.equal(store.session?.refreshToken, 'refresh-2');
});

void test('with a shared lock only one renews; the other finds the new pair under the lock', async () => {
  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  let tail: Promise<unknown> = Promise.resolve();
  const lock: RenewalLock = {
    run: (work) => {
      const run = tail.then(work);
      tail = run.catch(() => undefined);
      return run;
    },
  };
  const a = make(store, endpoint, c, { lock });
  const b = make(store, endpoint, c, { lock });
  await Promise.all([a.current(), b.current()]);
  c.advance(7200_000);
  assert.deepEqual(await Promise.all([a.getToken(), b.getToken()]), ['access-2', 'access-2']);
  assert.deepEqual(endpoint.calls, ['refresh-1']);
});

void test('20073 with no new pair appearing: signed out, with the message and the store cleared', async () => {
  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  endpoint.failures.push(new FeishuError({ code: 20073 }));
  const out: FeishuError[] = [];
  const session = make(store, endpoint, c, { onSignedOut: (e) => out.push(e) });
  c.advance(7200_000);
  await assert.rejects(session.getToken(), (e: FeishuError) => {
    assert.equal(e.message, 'The saved sign-in was already renewed elsewhere and could not be picked up. (code 20073)');
    assert.equal(e.hint, 'Sign in again (Feishu: Sign In, or feishu-upload login).');
    return true;
  });
  assert.equal(store.session, undefined);
  assert.equal(out.length, 1);
  await assert.rejects(session.getToken(), /You are not signed in to Feishu\./);
});

void test('expired (20037), revoked (20064), invalid (20026) refresh tokens sign out; the message says what to do', async () => {
  for (const [code, text] of [
    [20037, /Your sign-in has expired\./],
    [20064, /Your sign-in was revoked\./],
    [20026, /The saved sign-in is no longer valid\./],
  ] as const) {
    const c = clock();
    const store = new MemorySessionStore(sessionAt(T0));
    const endpoint = new FakeEndpoint();
    endpoint.failures.push(new FeishuError({ code }));
    const session = make(store, endpoint, c);
    c.advance(7200_000);
    await assert.rejects(session.getToken(), text);
    assert.equal(store.session, undefined, String(code));
  }
});

void test('a refresh token past its own expiry signs out without a call (20037, with the date)', async () => {
  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  const session = make(store, endpoint, c);
  c.advance(8 * 24 * 3600_000);
  await assert.rejects(session.getToken(), /Your sign-in has expired\. It expired on 2027-\d\d-\d\dT.*\(code 20037\)/);
  assert.deepEqual(endpoint.calls, []);
  assert.equal(store.session, undefined);
});

void test('20050 and a dropped connection are tried once more; a second failure keeps the sign-in', async () => {
  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  endpoint.failures.push(new FeishuError({ code: 20050 }));
  const session = make(store, endpoint, c);
  c.advance(7200_000);
  assert.equal(await session.getToken(), 'access-2');

  c.advance(7200_000);
  endpoint.failures.push(new FeishuError({ code: 'NETWORK' }), new FeishuError({ code: 'NETWORK' }));
  await assert.rejects(session.getToken(), /Could not reach Feishu\./);
  assert.equal(store.session?.refreshToken, 'refresh-2', 'a network problem is not a sign-out');
  assert.equal(await session.getToken(), 'access-3', 'and the next try works');
});

void test('a wrong App Secret (20002) or the app\'s refresh switch (20074) fail the call but keep the sign-in', async () => {
  for (const code of [20002, 20074]) {
    const c = clock();
    const store = new MemorySessionStore(sessionAt(T0));
    const endpoint = new FakeEndpoint();
    endpoint.failures.push(new FeishuError({ code }));
    const session = make(store, endpoint, c);
    c.advance(7200_000);
    await assert.rejects(session.getToken(), (e: FeishuError) => e.code === code);
    assert.ok(store.session, String(code));
  }
});

void test('a sign-in of another app, or none, is "not signed in"; one without a refresh token ends at expiry', async () => {
  const endpoint = new FakeEndpoint();
  await assert.rejects(make(new MemorySessionStore(), endpoint).getToken(), (e: FeishuError) => e.code === 'NOT_SIGNED_IN' && e.hint === 'Sign in (Feishu: Sign In, or feishu-upload login), or act as the app.');
  const other = make(new MemorySessionStore(sessionAt(T0, { appId: 'cli_other' })), endpoint);
  assert.equal(await other.user(), undefined);
  await assert.rejects(other.getToken(), /You are not signed in/);
  const elsewhere = make(new MemorySessionStore(sessionAt(T0, { base: 'http://127.0.0.1:9999' })), endpoint);
  assert.equal(await elsewhere.user(), undefined, 'a sign-in made against another service (an emulator) is none here');

  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0, { refreshToken: undefined, refreshExpiresAt: undefined }));
  const noRefresh = make(store, endpoint, c);
  assert.equal(await noRefresh.getToken(), 'access-1');
  c.advance(7200_000);
  await assert.rejects(noRefresh.getToken(), /You are not signed in to Feishu\. The sign-in had no refresh token \(offline_access\)/);
  assert.deepEqual(endpoint.calls, []);
});

void test('reload() reads what another window stored', async () => {
  const store = new MemorySessionStore(sessionAt(T0));
  const session = make(store, new FakeEndpoint());
  assert.equal(await session.getToken(), 'access-1');
  store.session = sessionAt(T0, { accessToken: 'access-from-elsewhere' });
  assert.equal(await session.getToken(), 'access-1', 'cached');
  session.reload();
  assert.equal(await session.getToken(), 'access-from-elsewhere');
});

void test('a caller\'s abort ends its wait, not the shared renewal', async () => {
  const c = clock();
  const store = new MemorySessionStore(sessionAt(T0));
  const endpoint = new FakeEndpoint();
  const release = endpoint.hold();
  const session = make(store, endpoint, c);
  await session.current();
  c.advance(7200_000);
  const controller = new AbortController();
  const cancelled = session.getToken(controller.signal);
  const other = session.getToken();
  controller.abort();
  await assert.rejects(cancelled, /cancelled/);
  release();
  assert.equal(await other, 'access-2');
});
