import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { startEmulator, type Emulator } from '../../src/emulator';
import { decide } from '../helpers/browser';
import { cli, loginWithCode, type CliRun } from '../helpers/cliCapture';

// The CLI's sign-in over the emulator: login in the browser (a stand-in browser run as $BROWSER) and with a code,
// the exact JSON contract, whoami, --as, uploads into the user's My Space, renewal across runs (and two runs at
// once), logout, the 0600 file when no keychain is reachable, and the messages of what can go wrong.
const run = promisify(execFile);
const repo = resolve(__dirname, __dirname.includes(join('out', 'test')) ? '../../..' : '../..');
const bin = join(repo, 'dist', 'cli.js');
let emu: Emulator;
let dir = '';
let env: NodeJS.ProcessEnv;
let browser = '';
let file = '';

before(async () => {
  emu = await startEmulator({ deviceIntervalSeconds: 0.05, qps: 1000 });
  dir = mkdtempSync(join(tmpdir(), 'feishu-cli-login-'));
  browser = join(dir, 'browser.sh');
  writeFileSync(browser, `#!/bin/sh\nexec "${process.execPath}" "${join(repo, 'out', 'test', 'helpers', 'playBrowser.js')}" "$@"\n`);
  chmodSync(browser, 0o755);
  file = join(dir, 'hello.txt');
  writeFileSync(file, 'hello as me\n');
});
after(async () => {
  await emu.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => {
  env = {
    PATH: process.env.PATH,
    HOME: dir,
    FEISHU_BASE_URL: emu.url,
    FEISHU_APP_ID: emu.appId,
    FEISHU_APP_SECRET: emu.appSecret,
    FEISHU_UPLOAD_CONFIG_DIR: join(dir, 'config'),
    FEISHU_UPLOAD_KEYCHAIN: '0',
    BROWSER: browser,
    FAKE_BROWSER_LOG: join(dir, 'browser.log'),
  };
  rmSync(join(dir, 'config'), { recursive: true, force: true });
});

/** With a base URL override the emulator's host is part of the name: `session-cli_emulator@127.0.0.1_<port>.json`. */
const sessionFile = (): string => join(dir, 'config', `session-${emu.appId}@${new URL(emu.url).host.replace(':', '_')}.json`);
const ada = (): { openId: string; name: string } => emu.users()[0];

/** `login --device --json`, approving on the verification page as soon as the first line is out. */
function deviceLogin(extraEnv: NodeJS.ProcessEnv = {}, decision: 'approve' | 'deny' = 'approve'): Promise<CliRun> {
  return loginWithCode({ ...env, ...extraEnv }, decision);
}

void describe('feishu-upload login', () => {
  void it('--device --json: the code line as soon as it is known, then {"ok":true,"name","openId"}; the sign-in in a 0600 file', async () => {
    const r = await deviceLogin();
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.json.length, 2, r.stdout);
    assert.deepEqual(Object.keys(r.json[0]), ['verificationUri', 'verificationUriComplete', 'userCode', 'expiresIn']);
    assert.equal(r.json[0].verificationUri, `${emu.url}/oauth/v1/device/verify`);
    assert.match(r.json[0].userCode as string, /^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    assert.equal(r.json[0].expiresIn, 240);
    assert.deepEqual(r.json[1], { ok: true, name: 'Ada Lin', openId: ada().openId });
    assert.match(r.stderr, /Waiting for you to approve…/);
    assert.equal(statSync(sessionFile()).mode & 0o777, 0o600);
    assert.equal(statSync(join(dir, 'config')).mode & 0o777, 0o700);
    const stored = JSON.parse(readFileSync(sessionFile(), 'utf8')) as { refreshToken: string; accessToken: string };
    for (const secret of [stored.accessToken, stored.refreshToken]) {
      assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), 'no token printed');
    }
  });

  void it('human --device: the link and the code on stderr (the browser opens the link), "Signed in as" on stdout', async () => {
    const r = await cli(['login', '--device'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`^To sign in, open ${emu.url}/oauth/v1/device/verify and enter the code [A-Z2-9]{4}-[A-Z2-9]{4}\\. It expires in 4 minutes\\.\\nOr open this link, which has the code in it: ${emu.url}/oauth/v1/device/verify\\?user_code=[A-Z2-9-]{9}\\nWaiting for you to approve…\\n$`));
    assert.match(r.stdout, /^Signed in as Ada Lin \(ou_[0-9a-f]{32}\); the sign-in is kept in /);
    assert.match(readFileSync(join(dir, 'browser.log'), 'utf8'), /device 200/);
  });

  void it('in the browser: the authorize page, Approve, back to 127.0.0.1, signed in', async () => {
    const r = await cli(['login', '--port', '0'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /Opened Feishu in your browser: approve there\. If nothing opened, visit this link:\nhttp:\/\/127\.0\.0\.1:\d+\/open-apis\/authen\/v1\/authorize\?client_id=cli_emulator&response_type=code&redirect_uri=http%3A%2F%2F127\.0\.0\.1%3A\d+%2Fcallback&scope=/);
    assert.equal(r.stdout, `Signed in as Ada Lin (${ada().openId}); the sign-in is kept in ${sessionFile()}. Uploads now act as you; add --as app to act as the app.\n`);
    // The CLI is done once the callback has arrived; the fake browser logs the answer a moment later (up to 5 s).
    assert.match(await logLine(join(dir, 'browser.log'), /callback 200/, 5000), /callback 200/);
  });

  void it('Deny in the browser: exit 1 with the message; --json gives an error line; nothing stored', async () => {
    const r = await cli(['login', '--port', '0', '--json'], { ...env, FAKE_BROWSER_DECISION: 'deny' });
    assert.equal(r.code, 1);
    assert.ok(r.json[0].authorizeUrl);
    assert.deepEqual(r.json[1], {
      ok: false,
      error: { code: 'SIGN_IN_DENIED', category: 'auth', message: 'The sign-in was refused on Feishu\'s page. Feishu says: "access_denied". (SIGN_IN_DENIED)', hint: 'Sign in again and choose Approve.', logId: null },
    });
    assert.match(r.stderr, /feishu-upload: The sign-in was refused on Feishu's page\. .* Sign in again and choose Approve\.\n$/);
    assert.equal(existsSync(sessionFile()), false);
  });

  void it('denied with a code, and a port in use: their messages; no browser here → the device flow, said so', async () => {
    const denied = await deviceLogin({}, 'deny');
    assert.equal(denied.code, 1);
    assert.equal((denied.json[1].error as { code: string }).code, 'SIGN_IN_DENIED');

    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const busy = await cli(['login', '--port', String(port)], env);
    blocker.close();
    assert.equal(busy.code, 1);
    assert.match(busy.stderr, new RegExp(`The sign-in port on 127\\.0\\.0\\.1 is already in use\\. Port ${port}\\. \\(SIGN_IN_PORT_IN_USE\\) Close the program that uses it, or pick another port`));

    const headless = await cli(['login', '--json'], { ...env, BROWSER: undefined, DISPLAY: undefined, WAYLAND_DISPLAY: undefined }, undefined, (text) => {
      const line = text.split('\n').find((l) => l.includes('verificationUriComplete'));
      if (line) void decide((JSON.parse(line) as { verificationUriComplete: string }).verificationUriComplete, 'approve');
    });
    assert.equal(headless.code, 0, headless.stderr);
    assert.match(headless.stderr, /No browser can be opened here, so sign in with a code instead\./);
  });

  void it('usage errors: no app credentials, a bad port, a stray argument (exit 2)', async () => {
    const noApp = await cli(['login'], { ...env, FEISHU_APP_ID: undefined, FEISHU_APP_SECRET: undefined });
    assert.equal(noApp.code, 2);
    assert.match(noApp.stderr, /^feishu-upload: Signing in needs the App ID and App Secret of your custom app\. .*Set them first \(Feishu: Set App Credentials, or FEISHU_APP_ID and FEISHU_APP_SECRET\)\./);
    assert.match((await cli(['login', '--port', 'x'], env)).stderr, /--port must be a port number \(0-65535\), not "x"\./);
    assert.match((await cli(['login', 'me'], env)).stderr, /Unexpected argument "me"\./);
  });
});

void describe('acting as the signed-in user', () => {
  void it('whoami --json, uploads into the user\'s My Space, --as app into the app\'s', async () => {
    const before = await cli(['whoami', '--json'], env);
    assert.deepEqual(before.json[0], { identity: 'app', name: emu.appId, appId: emu.appId });
    assert.equal((await deviceLogin()).code, 0);
    const who = await cli(['whoami', '--json'], env);
    assert.deepEqual(who.json[0], { identity: 'user', name: 'Ada Lin', openId: ada().openId, appId: emu.appId });
    assert.deepEqual((await cli(['whoami', '--as', 'app', '--json'], env)).json[0], { identity: 'app', name: emu.appId, appId: emu.appId });
    const human = await cli(['whoami', '--as', 'app'], env);
    assert.equal(human.stdout, `Uploads act as the app ${emu.appId}.\nAda Lin is signed in too: without --as app, uploads act as them.\n`);

    const mine = await cli(['upload', file, '--json'], env);
    assert.equal(mine.code, 0, mine.stderr);
    const stored = emu.getFile(mine.json[0].fileToken as string)!;
    assert.equal(stored.parentNode, emu.rootFolderOf(ada().openId));
    assert.equal(stored.owner, `user:${ada().openId}`);
    const asApp = await cli(['upload', file, '--as', 'app', '--json'], env);
    assert.equal(emu.getFile(asApp.json[0].fileToken as string)!.parentNode, emu.rootFolderToken);
    const verbose = await cli(['upload', file, '--verbose'], env);
    assert.match(verbose.stderr, new RegExp(`^acting as Ada Lin \\(${ada().openId}\\)\\n`));
    assert.match((await cli(['upload', file, '--as', 'nobody'], env)).stderr, /--as must be user or app, not "nobody"\./);
  });

  void it('the access token expired on Feishu\'s side: the next upload renews it (new pair on disk) without asking', async () => {
    assert.equal((await deviceLogin()).code, 0);
    const before = JSON.parse(readFileSync(sessionFile(), 'utf8')) as { refreshToken: string };
    emu.advanceClock(2 * 3600_000 + 60_000);
    const r = await cli(['upload', file, '--json', '--verbose'], env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /GET drive\/explorer\/v2\/root_folder\/meta -> HTTP 400 code 99991677/);
    assert.match(r.stderr, /POST authen\/v2\/oauth\/token -> HTTP 200 code 0/);
    assert.match(r.stderr, /renewed the sign-in of Ada Lin; the new access token is good until /);
    const after = JSON.parse(readFileSync(sessionFile(), 'utf8')) as { refreshToken: string; accessToken: string };
    assert.notEqual(after.refreshToken, before.refreshToken);
    assert.ok(!r.stderr.includes(after.accessToken) && !r.stderr.includes(after.refreshToken), 'nothing of a token in --verbose');
    assert.doesNotMatch(r.stderr, /eyJ/);
  });

  void it('not signed in: --as user is a usage error that says how to sign in, in English and Chinese', async () => {
    const en = await cli(['upload', file, '--as', 'user'], env);
    assert.equal(en.code, 2);
    assert.equal(en.stderr, 'feishu-upload: You are not signed in to Feishu. (NOT_SIGNED_IN) Sign in (Feishu: Sign In, or feishu-upload login), or act as the app.\nRun "feishu-upload upload --help" for usage.\n');
    const zh = await cli(['upload', file, '--as', 'user'], { ...env, LANG: 'zh_CN.UTF-8' });
    assert.match(zh.stderr, /^feishu-upload: 你尚未登录飞书。 \(NOT_SIGNED_IN\) 请登录（飞书: 登录，或 feishu-upload login），或以应用身份操作。/);
  });

  void it('a revoked sign-in: the upload fails saying to sign in again, and the sign-in is gone', async () => {
    assert.equal((await deviceLogin()).code, 0);
    emu.revokeUserGrants();
    const r = await cli(['upload', file], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /Your sign-in was revoked\. .*sign in again \(Feishu: Sign In, or feishu-upload login\)\./);
    assert.equal(existsSync(sessionFile()), false);
    assert.deepEqual((await cli(['whoami', '--json'], env)).json[0], { identity: 'app', name: emu.appId, appId: emu.appId });
  });

  void it('logout forgets the sign-in; uploads act as the app again', async () => {
    assert.equal((await deviceLogin()).code, 0);
    const out = await cli(['logout'], env);
    assert.equal(out.stdout, `Signed out Ada Lin (${ada().openId}): the sign-in was removed from ${sessionFile()}.\n`);
    assert.equal(existsSync(sessionFile()), false);
    assert.deepEqual((await cli(['logout', '--json'], env)).json[0], { ok: true, signedOut: false });
    assert.equal((await cli(['logout'], env)).stdout, `Nobody is signed in with the app ${emu.appId}; nothing to do.\n`);
    assert.deepEqual((await cli(['whoami', '--json'], env)).json[0], { identity: 'app', name: emu.appId, appId: emu.appId });
  });

  void it('a pasted FEISHU_ACCESS_TOKEN is a user too (whoami through user_info); without app credentials it is the default', async () => {
    const token = 'u-pasted-token-0123456789';
    const pasted = await startEmulator({ userAccessTokens: [token] });
    try {
      const r = await cli(['whoami', '--json'], { PATH: process.env.PATH, FEISHU_BASE_URL: pasted.url, FEISHU_ACCESS_TOKEN: token });
      assert.deepEqual(r.json[0], { identity: 'user', name: 'Ada Lin', openId: pasted.users()[0].openId, appId: null });
    } finally {
      await pasted.close();
    }
  });
});

void describe('the built bin, real processes', () => {
  const spawnCli = (args: string[], extra: NodeJS.ProcessEnv = {}) => run(process.execPath, [bin, ...args], { env: { ...env, ...extra } }).catch((e: { code: number; stdout: string; stderr: string }) => e);

  void it('with no keychain reachable the native module degrades to the 0600 file, with one warning', async () => {
    // This machine has no Secret Service (no D-Bus session): what headless Linux and CI look like.
    const r = await run(process.execPath, [bin, 'login', '--port', '0'], { env: { ...env, FEISHU_UPLOAD_KEYCHAIN: undefined, DBUS_SESSION_BUS_ADDRESS: undefined } });
    assert.match(r.stderr, /^warning: no OS keychain is reachable \(.+\); the sign-in is kept in .+session-cli_emulator@127\.0\.0\.1_\d+\.json, readable only by you\.\n/);
    assert.match(r.stdout, /^Signed in as Ada Lin/);
    assert.equal(statSync(sessionFile()).mode & 0o777, 0o600);
  });

  void it('two runs renewing the same sign-in at once: one refresh (the lock), both upload as the user', async () => {
    assert.equal((await deviceLogin()).code, 0);
    emu.advanceClock(2 * 3600_000 + 60_000);
    const refreshes = emu.stats().calls['authen/v2/oauth/token'] ?? 0;
    const [a, b] = await Promise.all([spawnCli(['upload', file, '--json']), spawnCli(['upload', file, '--json'])]);
    for (const r of [a, b]) assert.match(r.stdout, /"ok":true/, r.stderr);
    assert.equal((emu.stats().calls['authen/v2/oauth/token'] ?? 0) - refreshes, 1, 'one of them renewed, the other read its pair');
    for (const r of [a, b]) assert.equal(emu.getFile((JSON.parse(r.stdout) as { fileToken: string }).fileToken)?.owner, `user:${ada().openId}`);
  });
});

/** The file's text once it matches `pattern`, or as it is after `timeoutMs`. */
async function logLine(path: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (pattern.test(text) || Date.now() >= deadline) return text;
    await new Promise((r) => setTimeout(r, 50));
  }
}
