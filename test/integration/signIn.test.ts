import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
  completeSignIn,
  connectOAuth,
  createEngines,
  english,
  FeishuError,
  FileLock,
  REQUESTED_SCOPES,
  signInWithBrowser,
  signInWithDevice,
  systemClock,
  UserSession,
  type CallInfo,
  type OAuthApi,
  type StoredSession,
} from '../../src/core';
import { startEmulator, type Emulator } from '../../src/emulator';
import { approveAndReturn, decide } from '../helpers/browser';
import { memorySource } from '../helpers/memorySource';
import { MemorySessionStore } from '../helpers/memorySessionStore';

// The core's sign-in against the emulator over real HTTP: both flows, renewal (before expiry and when Feishu
// says the token expired), the two-client race on one refresh token, every token-endpoint error's message, and
// no token in any log line or error.
let emu: Emulator;
let api: OAuthApi;
let dir = '';
const calls: CallInfo[] = [];

before(async () => {
  emu = await startEmulator({ deviceIntervalSeconds: 0.05, qps: 1000 });
  api = connectOAuth({ brand: 'feishu', baseUrl: emu.url, appId: emu.appId, appSecret: emu.appSecret, onCall: (c) => calls.push(c) });
  dir = mkdtempSync(join(tmpdir(), 'feishu-signin-'));
});
after(async () => {
  api.dispose();
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => emu.clearFaults());

async function browserSignIn(): Promise<StoredSession> {
  const grant = await signInWithBrowser({ api, scopes: REQUESTED_SCOPES, port: 0, t: english, open: async (url) => void approveAndReturn(url) });
  return (await completeSignIn(api, grant, REQUESTED_SCOPES)).session;
}

function sessionOver(store: MemorySessionStore, more: Partial<ConstructorParameters<typeof UserSession>[0]> = {}): UserSession {
  return new UserSession({ store, appId: emu.appId, base: api.baseUrl, refresh: (rt) => api.refresh(rt), ...more });
}

function tokenCalls(): number {
  return emu.stats().calls['authen/v2/oauth/token'] ?? 0;
}

void describe('signing in', () => {
  void it('the browser flow: authorize page → Approve → loopback callback → tokens → user_info', async () => {
    let opened = '';
    const redirects: string[] = [];
    const grant = await signInWithBrowser({
      api,
      scopes: REQUESTED_SCOPES,
      port: 0,
      t: english,
      onRedirect: (r) => redirects.push(r),
      open: async (url) => {
        opened = url;
        const page = await approveAndReturn(url);
        assert.match(page.html, /Signed in to Feishu/);
      },
    });
    const u = new URL(opened);
    assert.equal(u.origin, emu.url, 'with a base URL override the authorize page is on the same origin');
    assert.equal(u.pathname, '/open-apis/authen/v1/authorize');
    assert.equal(u.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(u.searchParams.get('scope'), REQUESTED_SCOPES.join(' '));
    assert.equal(u.searchParams.get('redirect_uri'), redirects[0]);
    assert.match(redirects[0], /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const { session, missingScopes } = await completeSignIn(api, grant, REQUESTED_SCOPES);
    assert.deepEqual(missingScopes, []);
    assert.equal(session.name, 'Ada Lin');
    assert.equal(session.openId, emu.users()[0].openId);
    assert.equal(session.appId, emu.appId);
    assert.ok(session.refreshToken, 'offline_access gives a refresh token');
    assert.ok(session.accessExpiresAt > Date.now() + 7000_000);
  });

  void it('Deny on the page ends the browser flow with its message', async () => {
    await assert.rejects(
      signInWithBrowser({ api, scopes: REQUESTED_SCOPES, port: 0, t: english, open: async (url) => void approveAndReturn(url, 'deny') }),
      (e: FeishuError) => e.message === 'The sign-in was refused on Feishu\'s page. Feishu says: "access_denied". (SIGN_IN_DENIED)',
    );
  });

  void it('the device flow: a code to approve on the verification page, polling until the tokens come', async () => {
    const grant = await signInWithDevice({
      api,
      scopes: REQUESTED_SCOPES,
      clock: systemClock,
      onCode: (code) => {
        assert.match(code.userCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
        assert.equal(new URL(code.verificationUri).origin, emu.url);
        setTimeout(() => void decide(code.verificationUriComplete, 'approve'), 120);
      },
    });
    const { session } = await completeSignIn(api, grant, REQUESTED_SCOPES);
    assert.equal(session.name, 'Ada Lin');
  });

  void it('a sign-in missing scopes the app has not enabled says which', async () => {
    const narrow = await startEmulator({ enabledScopes: ['drive:file:upload', 'offline_access'] });
    const narrowApi = connectOAuth({ brand: 'feishu', baseUrl: narrow.url, appId: narrow.appId, appSecret: narrow.appSecret });
    try {
      // The page refuses scopes the app has not enabled (20027), so ask for what it has and compare with the full list.
      const grant = await signInWithBrowser({ api: narrowApi, scopes: ['drive:file:upload', 'offline_access'], port: 0, t: english, open: async (url) => void approveAndReturn(url) });
      const { missingScopes } = await completeSignIn(narrowApi, grant, REQUESTED_SCOPES);
      assert.deepEqual(missingScopes, [
        'drive:drive.metadata:readonly',
        'docx:document',
        'docs:document.media:upload',
        'wiki:wiki:readonly',
        'docs:document:import',
        'space:document:retrieve',
        'space:folder:create',
        'docs:permission.setting:write_only',
        'space:document:delete',
      ]);
    } finally {
      narrowApi.dispose();
      await narrow.close();
    }
  });
});

void describe('uploading as the signed-in user, with renewal', () => {
  void it('lands in the user\'s own My Space; the engines name the user', async () => {
    const store = new MemorySessionStore(await browserSignIn());
    const session = sessionOver(store);
    const user = (await session.user())!;
    const engines = createEngines({ brand: 'feishu', baseUrl: emu.url, credentials: { session, user } });
    try {
      assert.deepEqual(engines.identity, { kind: 'user', id: user.openId, name: 'Ada Lin' });
      assert.deepEqual(engines.signedInUser, user);
      const result = await engines.uploader.upload(memorySource('mine.txt', Buffer.from('as myself')), { kind: 'folder' });
      const stored = emu.getFile(result.fileToken)!;
      assert.equal(stored.parentNode, emu.rootFolderOf(user.openId));
      assert.equal(stored.owner, `user:${user.openId}`);
    } finally {
      engines.dispose();
    }
  });

  void it('when Feishu says the token expired (99991677), it renews once and repeats the call; the new pair is stored', async () => {
    const store = new MemorySessionStore(await browserSignIn());
    const before = store.session!;
    const session = sessionOver(store);
    const seen: CallInfo[] = [];
    const engines = createEngines({ brand: 'feishu', baseUrl: emu.url, credentials: { session, user: (await session.user())! }, onCall: (c) => seen.push(c) });
    try {
      emu.advanceClock(2 * 3600_000 + 1000); // the emulator's clock: our stored expiry still says "fresh"
      const refreshes = tokenCalls();
      await engines.uploader.upload(memorySource('after.txt', Buffer.from('renewed')), { kind: 'folder' });
      assert.equal(tokenCalls() - refreshes, 1, 'one refresh');
      assert.deepEqual(
        seen.map((c) => `${c.endpoint} ${c.code}`),
        ['drive/explorer/v2/root_folder/meta 99991677', 'drive/explorer/v2/root_folder/meta 0', 'drive/v1/files/upload_all 0'],
      );
      assert.notEqual(store.session!.refreshToken, before.refreshToken);
      assert.notEqual(store.session!.accessToken, before.accessToken);
    } finally {
      engines.dispose();
    }
  });

  void it('renews 5 minutes before expiry, without Feishu having to refuse anything', async () => {
    const store = new MemorySessionStore(await browserSignIn());
    // Our wall clock moves (the emulator's does not): the stored expiry comes within the 5 minutes.
    let ahead = 0;
    const session = sessionOver(store, { now: () => Date.now() + ahead });
    const first = await session.getToken();
    ahead = 7200_000 - 300_000 + 1000;
    const refreshes = tokenCalls();
    const expired = emu.stats().codes['99991677'] ?? 0;
    const second = await session.getToken();
    assert.notEqual(second, first);
    assert.equal(tokenCalls() - refreshes, 1);
    assert.equal((await engineCall(session)).code, 0);
    assert.equal(emu.stats().codes['99991677'] ?? 0, expired, 'Feishu never had to say it expired');
  });

  void it('a revoked sign-in ends with "signed out", the store cleared, and the message saying to sign in again', async () => {
    const store = new MemorySessionStore(await browserSignIn());
    const out: FeishuError[] = [];
    const session = sessionOver(store, { onSignedOut: (e) => out.push(e) });
    emu.revokeUserGrants();
    const engines = createEngines({ brand: 'feishu', baseUrl: emu.url, credentials: { session, user: (await session.user())! }, retry: { maxRetries: 0, delaysMs: [10], jitter: 0, maxServerWaitMs: 0 } });
    try {
      await assert.rejects(engines.uploader.upload(memorySource('x.txt', Buffer.from('x')), { kind: 'folder' }), (e: FeishuError) => {
        assert.equal(e.code, 20064);
        assert.match(e.userMessage, /^Your sign-in was revoked\. Feishu says: "refresh token has been revoked"\. \(code 20064, authen\/v2\/oauth\/token, HTTP 400, log id \w+\) You \(or an admin\) withdrew/);
        return true;
      });
      assert.equal(store.session, undefined);
      assert.equal(out.length, 1);
    } finally {
      engines.dispose();
    }
  });

  async function engineCall(session: UserSession): Promise<{ code: number }> {
    const engines = createEngines({ brand: 'feishu', baseUrl: emu.url, credentials: { session, user: (await session.user())! } });
    try {
      await engines.uploader.upload(memorySource('ok.txt', Buffer.from('ok')), { kind: 'folder' });
      return { code: 0 };
    } finally {
      engines.dispose();
    }
  }
});

void describe('two clients on one refresh token', () => {
  for (const withLock of [true, false]) {
    void it(`${withLock ? 'with the file lock: one renews, the other reads its pair' : 'without a lock: the 20073 loser picks up the winner\'s pair'}; both stay signed in`, async () => {
      const store = new MemorySessionStore(await browserSignIn());
      const lockPath = join(dir, 'renew.lock');
      const make = (): UserSession => sessionOver(store, withLock ? { lock: new FileLock(lockPath, { pollMs: 10 }) } : { adoptPollMs: 20 });
      const a = make();
      const b = make();
      const stale = (await a.getToken(), await b.getToken());
      a.invalidate(stale);
      b.invalidate(stale);
      const refreshes = tokenCalls();
      const [ta, tb] = await Promise.all([a.getToken(), b.getToken()]);
      assert.equal(ta, tb);
      assert.notEqual(ta, stale);
      assert.equal(tokenCalls() - refreshes, withLock ? 1 : 2);
      if (!withLock) assert.equal(emu.stats().codes['20073'] >= 1, true, 'one of them met 20073');
      assert.ok(store.session, 'still signed in');
      assert.equal((await a.user())?.name, 'Ada Lin');
      assert.equal((await b.user())?.name, 'Ada Lin');
    });
  }
});

void describe('every token-endpoint error a user can meet, with its message', () => {
  const FAULT = (code: number): void => emu.injectFault({ kind: 'code', code, endpoint: 'authen/v2/oauth/token', msg: `injected ${code}` });
  const cases: [number, string, () => Promise<unknown>][] = [
    [20001, 'The sign-in request lacked a required field.', () => api.exchangeCode('', 'http://127.0.0.1:1/callback', 'v'.repeat(43))],
    [20002, 'Feishu refused the App Secret while signing in.', () => withApp({ appSecret: 'wrong' }, (a) => a.refresh('x'))],
    [20003, 'The sign-in code was not found.', () => api.exchangeCode('nope', 'http://127.0.0.1:1/callback', 'v'.repeat(43))],
    [20004, 'The sign-in code expired (codes live 5 minutes).', async () => api.exchangeCode(await codeOlderThan5Minutes(), 'http://127.0.0.1:1/callback', 'v'.repeat(43))],
    [20008, 'Feishu says this user does not exist.', () => (FAULT(20008), api.refresh('x'))],
    [20009, 'The app is not installed in your organisation.', () => (FAULT(20009), api.refresh('x'))],
    [20010, 'You may not use this app.', () => (FAULT(20010), api.refresh('x'))],
    [20024, 'The sign-in belongs to another app.', () => (FAULT(20024), api.refresh('x'))],
    [20026, 'The saved sign-in is no longer valid.', () => api.refresh('ur-an-old-v1-refresh-token')],
    [20036, 'Feishu does not support this kind of sign-in request.', () => (FAULT(20036), api.refresh('x'))],
    [20037, 'Your sign-in has expired.', async () => api.refresh(await expiredRefreshToken())],
    [20048, 'The App ID used for signing in does not exist.', () => withApp({ appId: 'cli_nobody' }, (a) => a.refresh('x'))],
    [20049, 'The sign-in failed its PKCE check.', async () => api.exchangeCode(await freshCode(), 'http://127.0.0.1:1/callback', 'w'.repeat(43))],
    [20050, 'Feishu had a problem signing you in.', () => (FAULT(20050), api.refresh('x'))],
    [20063, 'Feishu could not read the sign-in request.', () => (FAULT(20063), api.refresh('x'))],
    [20064, 'Your sign-in was revoked.', async () => api.refresh(await revokedRefreshToken())],
    [20065, 'The sign-in code was already used.', async () => usedCode()],
    [20066, 'Your Feishu account cannot sign in right now (deactivated or suspended).', () => (FAULT(20066), api.refresh('x'))],
    [20067, 'A scope was asked for twice.', () => (FAULT(20067), api.refresh('x'))],
    [20068, 'A scope was asked for that you have not granted.', () => (FAULT(20068), api.refresh('x'))],
    [20069, 'The app is disabled.', () => (FAULT(20069), api.refresh('x'))],
    [20070, 'The sign-in request sent the app credentials twice.', () => (FAULT(20070), api.refresh('x'))],
    [20071, 'The redirect URL of this sign-in is not the one Feishu expects.', async () => api.exchangeCode(await freshCode(), 'http://127.0.0.1:2/elsewhere', 'v'.repeat(43))],
    [20072, 'Feishu\'s sign-in service is temporarily unavailable.', () => (FAULT(20072), api.refresh('x'))],
    [20073, 'The saved sign-in was already renewed elsewhere and could not be picked up.', async () => api.refresh(await spentRefreshToken())],
    [20074, 'The app may not renew user sign-ins.', async () => refreshWithSwitchOff()],
  ];
  for (const [code, meaning, run] of cases) {
    void it(`${code}: "${meaning}"`, async () => {
      await assert.rejects(run(), (e: unknown) => {
        assert.ok(e instanceof FeishuError, String(e));
        assert.equal(e.code, code);
        assert.ok(e.message.startsWith(`${meaning} Feishu says: "`), e.message);
        assert.match(e.message, new RegExp(`\\(code ${code}, authen/v2/oauth/token, HTTP ${code === 20050 ? 500 : code === 20072 ? 503 : 400}, log id \\w+\\)$`));
        assert.ok(e.hint.length > 10);
        return true;
      });
    });
  }

  void it('device flow refusals: denied, expired, and a device authorization Feishu refuses', async () => {
    const denied = signInWithDevice({ api, scopes: ['drive:file:upload'], clock: systemClock, onCode: (c) => void setTimeout(() => void decide(c.verificationUriComplete, 'deny'), 50) });
    await assert.rejects(denied, (e: FeishuError) => e.message === 'The sign-in was refused on Feishu\'s page. (SIGN_IN_DENIED, authen/v2/oauth/token, HTTP 400, log id ' + e.logId + ')');
    const short = await startEmulator({ deviceIntervalSeconds: 0.05, deviceCodeTtlSeconds: 0.2 });
    const shortApi = connectOAuth({ brand: 'feishu', baseUrl: short.url, appId: short.appId, appSecret: short.appSecret });
    try {
      await assert.rejects(signInWithDevice({ api: shortApi, scopes: ['drive:file:upload'], clock: systemClock, onCode: () => undefined }), (e: FeishuError) => e.code === 'SIGN_IN_CODE_EXPIRED' && e.message.startsWith('The sign-in code expired before it was approved.'));
    } finally {
      shortApi.dispose();
      await short.close();
    }
    await assert.rejects(
      withApp({ appSecret: 'wrong' }, (a) => a.startDevice(['drive:file:upload'])),
      (e: FeishuError) => e.message.startsWith('Feishu refused to start the sign-in. Feishu says: "Basic client credentials are missing or wrong". (SIGN_IN_REFUSED, http://127.0.0.1:'),
    );
  });

  async function withApp<T>(over: { appId?: string; appSecret?: string }, work: (a: OAuthApi) => Promise<T>): Promise<T> {
    const other = connectOAuth({ brand: 'feishu', baseUrl: emu.url, appId: over.appId ?? emu.appId, appSecret: over.appSecret ?? emu.appSecret });
    try {
      return await work(other);
    } finally {
      other.dispose();
    }
  }
  async function freshCode(): Promise<string> {
    const url = api.authorizeUrl({ redirectUri: 'http://127.0.0.1:1/callback', scopes: ['drive:file:upload'], state: 's', pkce: { verifier: 'v'.repeat(43), challenge: 'c'.repeat(43), method: 'S256' } });
    return new URL((await decide(url, 'approve')).location!).searchParams.get('code')!;
  }
  async function codeOlderThan5Minutes(): Promise<string> {
    const code = await freshCode();
    emu.advanceClock(5 * 60_000 + 1);
    return code;
  }
  async function usedCode(): Promise<unknown> {
    const url = api.authorizeUrl({ redirectUri: 'http://127.0.0.1:1/callback', scopes: ['drive:file:upload'], state: 's', pkce: { verifier: 'v'.repeat(43), challenge: (await import('node:crypto')).createHash('sha256').update('v'.repeat(43)).digest('base64url'), method: 'S256' } });
    const code = new URL((await decide(url, 'approve')).location!).searchParams.get('code')!;
    await api.exchangeCode(code, 'http://127.0.0.1:1/callback', 'v'.repeat(43));
    return api.exchangeCode(code, 'http://127.0.0.1:1/callback', 'v'.repeat(43));
  }
  async function spentRefreshToken(): Promise<string> {
    const s = await browserSignIn();
    await api.refresh(s.refreshToken!);
    return s.refreshToken!;
  }
  async function expiredRefreshToken(): Promise<string> {
    const s = await browserSignIn();
    emu.expireUserTokens({ refresh: true });
    return s.refreshToken!;
  }
  async function revokedRefreshToken(): Promise<string> {
    const s = await browserSignIn();
    emu.revokeUserGrants(s.openId);
    return s.refreshToken!;
  }
  async function refreshWithSwitchOff(): Promise<unknown> {
    const s = await browserSignIn();
    emu.setRefreshEnabled(false);
    try {
      return await api.refresh(s.refreshToken!);
    } finally {
      emu.setRefreshEnabled(true);
    }
  }
});

void describe('secrets stay secret', () => {
  void it('no token, code or secret in any call line or error of this file', () => {
    const text = calls.map((c) => JSON.stringify(c)).join('\n');
    assert.ok(calls.length > 20, `${calls.length} calls`);
    assert.doesNotMatch(text, /eyJ|Bearer|Basic|code=|client_secret|emulator-secret/);
  });
});
