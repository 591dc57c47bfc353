import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { startEmulator, type Emulator } from '../../src/emulator';
import { decide, visit } from '../helpers/browser';
import { api, form, tenantToken, type Answer } from '../helpers/emulatorHttp';

// The emulator's accounts side over raw HTTP, no client code in between: the authorize page, the v2 token
// endpoint (three grants, every refusal it can produce), rotation, device flow, user_info, each identity's My
// Space and who may write where.
const TOKEN = '/open-apis/authen/v2/oauth/token';
const REDIRECT = 'http://127.0.0.1:53199/callback';
const SCOPES = 'drive:file:upload drive:drive.metadata:readonly offline_access';

let emu: Emulator;

before(async () => {
  emu = await startEmulator({ deviceIntervalSeconds: 0.05, appName: 'Upload Test App', qps: 1000 });
});
after(() => emu.close());

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function authorizeUrl(params: Record<string, string | undefined> = {}): string {
  const url = new URL(`${emu.url}/open-apis/authen/v1/authorize`);
  const all = { client_id: emu.appId, response_type: 'code', redirect_uri: REDIRECT, scope: SCOPES, state: 'st-1', ...params };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** Approves on the authorize page; returns the code from the redirect. */
async function codeFor(params: Record<string, string | undefined> = {}): Promise<string> {
  const answer = await decide(authorizeUrl(params), 'approve');
  assert.equal(answer.status, 302);
  const back = new URL(answer.location!);
  assert.equal(back.origin + back.pathname, params.redirect_uri ?? REDIRECT);
  assert.equal(back.searchParams.get('state'), params.state ?? 'st-1');
  return back.searchParams.get('code')!;
}

async function exchange(fields: Record<string, string | undefined>, init: { formEncoded?: boolean; headers?: Record<string, string> } = {}): Promise<Answer> {
  const clean = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => e[1] !== undefined));
  if (init.formEncoded) {
    return api(emu, TOKEN, { raw: new URLSearchParams(clean).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...init.headers } });
  }
  return api(emu, TOKEN, { json: clean, headers: init.headers });
}

async function signIn(scope = SCOPES): Promise<{ access: string; refresh: string; body: Answer['body'] }> {
  const { verifier, challenge } = pkce();
  const code = await codeFor({ scope, code_challenge: challenge, code_challenge_method: 'S256' });
  const answer = await exchange({ grant_type: 'authorization_code', client_id: emu.appId, client_secret: emu.appSecret, code, redirect_uri: REDIRECT, code_verifier: verifier });
  assert.equal(answer.body.code, 0, JSON.stringify(answer.body));
  return { access: answer.body.access_token as string, refresh: answer.body.refresh_token as string, body: answer.body };
}

function refresh(token: string): Promise<Answer> {
  return exchange({ grant_type: 'refresh_token', client_id: emu.appId, client_secret: emu.appSecret, refresh_token: token }, { formEncoded: true });
}

void describe('the authorize page', () => {
  void it('shows the app name, the user and the scopes, with Approve and Deny', async () => {
    const page = await visit(authorizeUrl());
    assert.equal(page.status, 200);
    assert.match(page.html, /<span id="app-name">Upload Test App<\/span> wants to access your Feishu account/);
    assert.match(page.html, /Signed in as <b id="user-name">Ada Lin<\/b>/);
    for (const s of SCOPES.split(' ')) assert.match(page.html, new RegExp(`<code>${s}</code>`));
    assert.match(page.html, /id="approve">Approve</);
    assert.match(page.html, /id="deny">Deny</);
    assert.equal(page.fields.redirect_uri, REDIRECT);
  });

  void it('Approve redirects with a code and the state; Deny with error=access_denied', async () => {
    assert.match(await codeFor(), /^[A-Za-z0-9]{43}$/);
    const denied = await decide(authorizeUrl({ state: 'st-2' }), 'deny');
    assert.equal(denied.status, 302);
    assert.equal(denied.location, `${REDIRECT}?error=access_denied&state=st-2`);
  });

  void it('refuses bad requests on the page, as Feishu does', async () => {
    for (const [params, text] of [
      [{ client_id: 'cli_other' }, /The app cli_other does not exist \(20048\)/],
      [{ scope: 'drive:file:upload contact:user.phone:readonly' }, /has not enabled the scope contact:user\.phone:readonly \(20027\)/],
      [{ redirect_uri: 'ftp://x/cb' }, /redirect_uri must be an http\(s\) URL/],
      [{ response_type: 'token' }, /response_type must be &#34;code&#34;/],
      [{ code_challenge: 'x', code_challenge_method: 'S512' }, /code_challenge_method must be S256 or plain/],
    ] as const) {
      const page = await visit(authorizeUrl(params));
      assert.equal(page.status, 400);
      assert.match(page.html, text);
    }
  });
});

void describe('the v2 token endpoint', () => {
  void it('authorization_code with PKCE → a JWT access token, a rotating refresh token and the scopes', async () => {
    const { access, refresh: rt, body } = await signIn();
    assert.match(access, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.ok(access.length > 800, 'v2 user tokens are long JWTs');
    assert.match(rt, /^eyJ/);
    assert.equal(body.expires_in, 7200);
    assert.equal(body.refresh_token_expires_in, 604800);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.scope, SCOPES);
    const info = await api(emu, '/open-apis/authen/v1/user_info', { token: access });
    assert.equal(info.body.code, 0);
    assert.equal(info.body.data?.name, 'Ada Lin');
    assert.equal(info.body.data?.open_id, emu.users()[0].openId);
    assert.match(info.body.data?.open_id as string, /^ou_[0-9a-f]{32}$/);
  });

  void it('without offline_access there is no refresh token', async () => {
    const { body } = await signIn('drive:file:upload');
    assert.equal(body.refresh_token, undefined);
    assert.equal(body.refresh_token_expires_in, undefined);
  });

  void it('every refusal of the authorization_code grant, with its code, error word and HTTP status', async () => {
    const { verifier, challenge } = pkce();
    const code = await codeFor({ code_challenge: challenge, code_challenge_method: 'S256' });
    const base = { grant_type: 'authorization_code', client_id: emu.appId, client_secret: emu.appSecret, code, redirect_uri: REDIRECT, code_verifier: verifier };
    const basic = `Basic ${Buffer.from(`${emu.appId}:${emu.appSecret}`).toString('base64')}`;
    const cases: [string, Answer | Promise<Answer>, number, string][] = [
      ['no grant_type', exchange({ ...base, grant_type: undefined }), 20001, 'invalid_request'],
      ['an unknown grant', exchange({ ...base, grant_type: 'password' }), 20036, 'unsupported_grant_type'],
      ['no client_secret', exchange({ ...base, client_secret: undefined }), 20001, 'invalid_request'],
      ['an unknown app', exchange({ ...base, client_id: 'cli_nope' }), 20048, 'invalid_client'],
      ['a wrong secret', exchange({ ...base, client_secret: 'nope' }), 20002, 'invalid_client'],
      ['Basic and client_secret both', exchange(base, { headers: { Authorization: basic } }), 20070, 'invalid_request'],
      ['a body that is not JSON', api(emu, TOKEN, { raw: '{nope', headers: { 'Content-Type': 'application/json' } }), 20063, 'invalid_request'],
      ['no code', exchange({ ...base, code: undefined }), 20001, 'invalid_request'],
      ['an unknown code', exchange({ ...base, code: 'x'.repeat(43) }), 20003, 'invalid_grant'],
      ['another redirect_uri', exchange({ ...base, redirect_uri: 'http://127.0.0.1:1/callback' }), 20071, 'invalid_grant'],
      ['a wrong code_verifier', exchange({ ...base, code_verifier: pkce().verifier }), 20049, 'invalid_grant'],
      ['no code_verifier', exchange({ ...base, code_verifier: undefined }), 20049, 'invalid_grant'],
    ];
    for (const [what, pending, code_, error] of cases) {
      const answer = await pending;
      assert.equal(answer.body.code, code_, `${what}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error, error, what);
      assert.equal(answer.status, 400, what);
      assert.ok(answer.body.error_description, what);
      assert.ok(answer.headers.get('x-tt-logid'), what);
    }
    // Basic credentials alone are accepted, and the code is then spent.
    const ok = await exchange({ ...base, client_id: undefined, client_secret: undefined }, { headers: { Authorization: basic } });
    assert.equal(ok.body.code, 0);
    const again = await exchange(base);
    assert.deepEqual([again.body.code, again.body.error], [20065, 'invalid_grant']);
  });

  void it('a code older than 5 minutes → 20004 (the emulator clock moves)', async () => {
    const code = await codeFor();
    emu.advanceClock(5 * 60 * 1000 + 1);
    const answer = await exchange({ grant_type: 'authorization_code', client_id: emu.appId, client_secret: emu.appSecret, code, redirect_uri: REDIRECT });
    assert.deepEqual([answer.body.code, answer.body.error], [20004, 'invalid_grant']);
  });

  void it('refresh rotates: a new pair; the old refresh token → 20073; the old access token lives one more minute', async () => {
    const first = await signIn();
    const second = await refresh(first.refresh);
    assert.equal(second.body.code, 0);
    assert.notEqual(second.body.refresh_token, first.refresh);
    assert.notEqual(second.body.access_token, first.access);
    const reused = await refresh(first.refresh);
    assert.deepEqual([reused.status, reused.body.code, reused.body.error], [400, 20073, 'invalid_grant']);
    const meta = '/open-apis/drive/explorer/v2/root_folder/meta';
    assert.equal((await api(emu, meta, { token: first.access })).body.code, 0, 'grace minute');
    emu.advanceClock(61_000);
    const stale = await api(emu, meta, { token: first.access });
    assert.deepEqual([stale.status, stale.body.code], [400, 99991677]);
    assert.equal((await api(emu, meta, { token: second.body.access_token as string })).body.code, 0);
  });

  void it('access tokens expire with the clock (99991677); expired, revoked, unknown refresh tokens and the app switch', async () => {
    emu.setUserTokenTtl(30);
    const s = await signIn();
    assert.equal(s.body.expires_in, 30);
    emu.advanceClock(31_000);
    assert.equal((await api(emu, '/open-apis/authen/v1/user_info', { token: s.access })).body.code, 99991677);
    emu.setUserTokenTtl(7200);

    emu.setRefreshEnabled(false);
    assert.equal((await refresh(s.refresh)).body.code, 20074);
    emu.setRefreshEnabled(true);
    assert.equal((await refresh('ur-v1-style-token')).body.code, 20026);
    assert.equal((await exchange({ grant_type: 'refresh_token', client_id: emu.appId, client_secret: emu.appSecret })).body.code, 20001);

    const expiring = await signIn();
    emu.expireUserTokens({ openId: emu.users()[0].openId, refresh: true });
    assert.equal((await refresh(expiring.refresh)).body.code, 20037);

    const revoked = await signIn();
    emu.revokeUserGrants();
    assert.equal((await refresh(revoked.refresh)).body.code, 20064);
    assert.equal((await api(emu, '/open-apis/authen/v1/user_info', { token: revoked.access })).body.code, 99991668);
  });

  void it('the optional scope narrows the token: 20067 for a duplicate, 20068 for a scope not granted', async () => {
    const s = await signIn();
    const narrow = await exchange({ grant_type: 'refresh_token', client_id: emu.appId, client_secret: emu.appSecret, refresh_token: s.refresh, scope: 'drive:file:upload' });
    assert.equal(narrow.body.scope, 'drive:file:upload');
    const t = await signIn();
    const dup = await exchange({ grant_type: 'refresh_token', client_id: emu.appId, client_secret: emu.appSecret, refresh_token: t.refresh, scope: 'drive:file:upload drive:file:upload' });
    assert.equal(dup.body.code, 20067);
    const u = await signIn();
    const more = await exchange({ grant_type: 'refresh_token', client_id: emu.appId, client_secret: emu.appSecret, refresh_token: u.refresh, scope: 'docx:document' });
    assert.equal(more.body.code, 20068);
  });

  void it('an injected 20050 comes back flat with HTTP 500', async () => {
    emu.injectFault({ kind: 'code', code: 20050, endpoint: 'authen/v2/oauth/token' });
    const answer = await refresh('anything');
    assert.deepEqual([answer.status, answer.body.code, answer.body.error], [500, 20050, 'server_error']);
  });

  void it('user_info refuses a tenant token', async () => {
    const answer = await api(emu, '/open-apis/authen/v1/user_info', { token: await tenantToken(emu) });
    assert.equal(answer.body.code, 99991663);
  });
});

void describe('the device flow', () => {
  async function authorizeDevice(scope = 'drive:file:upload offline_access', secret = emu.appSecret): Promise<Answer> {
    return api(emu, '/oauth/v1/device_authorization', {
      raw: new URLSearchParams({ client_id: emu.appId, scope }).toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: `Basic ${Buffer.from(`${emu.appId}:${secret}`).toString('base64')}` },
    });
  }
  const poll = (deviceCode: string): Promise<Answer> =>
    exchange({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: emu.appId, client_secret: emu.appSecret }, { formEncoded: true });

  void it('authorization → pending → slow_down when too fast → approved on the page → tokens, once', async () => {
    const auth = await authorizeDevice();
    assert.equal(auth.status, 200);
    const b = auth.body;
    assert.match(b.user_code as string, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    assert.equal(b.verification_uri, `${emu.url}/oauth/v1/device/verify`);
    assert.equal(b.verification_uri_complete, `${emu.url}/oauth/v1/device/verify?user_code=${b.user_code as string}`);
    assert.equal(b.expires_in, 240);
    assert.equal(b.interval, 0.05);
    assert.equal((await poll(b.device_code as string)).body.error, 'authorization_pending');
    const tooFast = await poll(b.device_code as string);
    assert.equal(tooFast.body.error, 'slow_down');
    assert.equal(tooFast.body.code, undefined, 'device-flow answers carry the OAuth word only');
    const page = await visit(b.verification_uri_complete as string);
    assert.match(page.html, /<code>drive:file:upload<\/code>/);
    const approved = await decide(b.verification_uri_complete as string, 'approve');
    assert.match(approved.html, /Approved\. You can close this page/);
    emu.advanceClock(5100); // slow_down added 5 s to the interval
    const done = await poll(b.device_code as string);
    assert.equal(done.body.code, 0, JSON.stringify(done.body));
    assert.match(done.body.access_token as string, /^eyJ/);
    assert.match(done.body.refresh_token as string, /^eyJ/);
    assert.equal((await poll(b.device_code as string)).body.error, 'invalid_grant');
  });

  void it('denied → access_denied; expired → expired_token; wrong client credentials → 401; a bad code on the page', async () => {
    const denied = (await authorizeDevice()).body;
    await decide(denied.verification_uri_complete as string, 'deny');
    assert.equal((await poll(denied.device_code as string)).body.error, 'access_denied');
    const old = (await authorizeDevice()).body;
    emu.advanceClock(241_000);
    assert.equal((await poll(old.device_code as string)).body.error, 'expired_token');
    const wrong = await authorizeDevice('drive:file:upload', 'nope');
    assert.deepEqual([wrong.status, wrong.body.error], [401, 'invalid_client']);
    const scope = await authorizeDevice('contact:user.phone:readonly');
    assert.deepEqual([scope.status, scope.body.error], [400, 'invalid_scope']);
    const bad = await decide(`${emu.url}/oauth/v1/device/verify?user_code=ZZZZ-ZZZZ`, 'approve');
    assert.equal(bad.status, 400);
    assert.match(bad.html, /This code is not valid or has expired/);
  });
});

void describe('each identity its own My Space; who may write where', () => {
  const upload = (bearer: string, folder: string): Promise<Answer> =>
    api(emu, '/open-apis/drive/v1/files/upload_all', { token: bearer, form: form({ file_name: 'x.txt', parent_type: 'explorer', parent_node: folder, size: '1', file: Buffer.from('x') }) });

  void it('a signed-in user uploads into their own My Space and folders shared with them; the app only where shared', async () => {
    const ada = emu.users()[0];
    const bo = emu.addUser({ name: 'Bo Chen' });
    const s = await signIn();
    const meta = await api(emu, '/open-apis/drive/explorer/v2/root_folder/meta', { token: s.access });
    assert.equal(meta.body.data?.token, emu.rootFolderOf(ada.openId));
    const mine = await upload(s.access, emu.rootFolderOf(ada.openId));
    assert.equal(mine.body.code, 0);
    assert.equal(emu.getFile(mine.body.data?.file_token as string)?.owner, `user:${ada.openId}`);

    const app = await tenantToken(emu);
    const refused = await upload(app, emu.rootFolderOf(ada.openId));
    assert.deepEqual([refused.status, refused.body.code], [403, 1061004]);
    assert.equal((await upload(s.access, emu.rootFolderOf(bo.openId))).body.code, 1061004);
    assert.equal((await upload(s.access, emu.rootFolderToken)).body.code, 1061004, "the app's own space is not Ada's");

    const bosFolder = emu.addFolder({ owner: bo.openId, members: {} });
    assert.equal((await upload(app, bosFolder)).body.code, 1061004);
    assert.equal((await upload(s.access, bosFolder)).body.code, 1061004);
    emu.shareFolder(bosFolder, ada.openId, 'view');
    assert.equal((await upload(s.access, bosFolder)).body.code, 1061004, 'view is not enough');
    emu.shareFolder(bosFolder, ada.openId, 'edit');
    emu.shareFolder(bosFolder, 'app', 'full_access');
    assert.equal((await upload(s.access, bosFolder)).body.code, 0);
    const byApp = await upload(app, bosFolder);
    assert.equal(byApp.body.code, 0);
    assert.equal(emu.getFile(byApp.body.data?.file_token as string)?.owner, `app:${emu.appId}`);
    // addFolder() without options: a person's folder shared with the app to edit.
    const shared = emu.addFolder();
    assert.equal(emu.folderOwner(shared), `user:${ada.openId}`);
    assert.equal((await upload(app, shared)).body.code, 0);
  });

  void it('a user who did not grant an upload scope gets 99991679 naming the scopes', async () => {
    // Granted scopes accumulate per user, so this is someone who never granted an upload scope.
    const dee = emu.addUser({ name: 'Dee Xu' });
    emu.actAs(dee.openId);
    const s = await signIn('drive:drive.metadata:readonly offline_access');
    emu.actAs(emu.users()[0].openId);
    const answer = await upload(s.access, emu.rootFolderOf(dee.openId));
    assert.equal(answer.body.code, 99991679);
    const violations = (answer.body.error as { permission_violations?: { subject: string }[] }).permission_violations?.map((v) => v.subject);
    assert.deepEqual(violations, ['drive:drive', 'drive:file:upload']);
  });

  void it('the control API: users, act-as, clock, token expiry and revocation, folders with owners', async () => {
    const control = async (path: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> => {
      const res = await fetch(`${emu.url}/__emulator/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const cy = (await control('users', { name: 'Cy Wu' })).json;
    assert.match(cy.openId as string, /^ou_/);
    assert.equal((await control('act-as', { openId: cy.openId })).status, 200);
    assert.match((await visit(authorizeUrl())).html, /Signed in as <b id="user-name">Cy Wu<\/b>/);
    assert.equal((await control('act-as', { openId: 'ou_nobody' })).status, 400);
    await control('act-as', { openId: emu.users()[0].openId });

    const folder = (await control('folders', { owner: cy.openId, members: { app: 'edit' } })).json;
    assert.equal(folder.owner, `user:${cy.openId as string}`);
    assert.equal((await control('folders', { members: { app: 'owner' } })).status, 400);
    assert.equal((await control('folders/share', { folder: folder.token, who: emu.users()[0].openId, perm: 'edit' })).status, 200);

    const s = await signIn();
    assert.equal((await control('user-tokens/expire', {})).status, 200);
    assert.equal((await api(emu, '/open-apis/authen/v1/user_info', { token: s.access })).body.code, 99991677);
    assert.equal((await refresh(s.refresh)).body.code, 0, 'the refresh token still works');
    assert.equal((await control('user-tokens/settings', { accessTtlSeconds: 2, refreshEnabled: true })).status, 200);
    assert.equal((await signIn()).body.expires_in, 2);
    assert.equal((await control('clock', { advanceMs: -1 })).status, 400);
    assert.equal((await control('clock', { advanceMs: 10_000 })).status, 200);
    assert.equal((await control('user-tokens/revoke', {})).status, 200);
    await control('user-tokens/settings', { accessTtlSeconds: 7200 });
    const state = (await (await fetch(`${emu.url}/__emulator/state`)).json()) as { users: { name: string; rootFolderToken: string }[] };
    assert.deepEqual(
      state.users.map((u) => u.name),
      ['Ada Lin', 'Bo Chen', 'Dee Xu', 'Cy Wu'],
    );
  });
});
