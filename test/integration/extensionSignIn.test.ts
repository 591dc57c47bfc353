import { strict as assert } from 'node:assert';
import { writeFileSync } from 'node:fs';
import { after, before, beforeEach, test } from 'node:test';
import type { Emulator } from '../../src/emulator';
import { parseSession } from '../../src/core';
import { SECRET_KEYS } from '../../src/vscode/credentials/SecretStore';
import type { Services } from '../../src/vscode/services/services';
import type { FeishuAuthProvider } from '../../src/vscode/auth/FeishuAuthProvider';
import { SIGNED_IN_BEFORE_KEY } from '../../src/vscode/auth/UserAuth';
import { approveAndReturn, decide } from '../helpers/browser';
import { ExtensionHost } from '../helpers/extensionHost';
import { freePort } from '../helpers/freePort';
import { memorySource } from '../helpers/memorySource';

// Signing in inside the extension, with a scripted `vscode` and the emulator on loopback: the commands, the
// AuthenticationProvider, uploads as the user into their My Space, renewal without asking, sign-out and the
// offer to sign in again, the device flow, and two windows renewing one sign-in.
const host = new ExtensionHost();
const fake = host.fake;
let emu: Emulator;
let port = 0;

before(async () => {
  await host.start();
  emu = host.emu;
  writeFileSync(`${host.ws}/hello.txt`, 'Hello as me.\n');
  port = await freePort();
});
after(() => host.stop());
beforeEach(async () => {
  await host.activate();
  fake.userSettings['feishu.signInPort'] = port;
  // A person at the browser: approves whatever authorize page VS Code opens.
  fake.onOpenExternal = (url) => {
    if (url.includes('/authen/v1/authorize')) void approveAndReturn(url);
  };
});

const ada = (): { openId: string; name: string } => emu.users()[0];
const provider = (): FeishuAuthProvider => fake.authProviders.get('feishu')!.provider as FeishuAuthProvider;
const stored = () => parseSession(fake.secretMap.get(SECRET_KEYS.userSession));

async function signInNow(): Promise<void> {
  host.signIn(); // the app's credentials
  await fake.run('feishu.signIn');
  assert.equal(stored()?.name, 'Ada Lin', JSON.stringify(fake.shown));
}

void test('the provider "Feishu / Lark" is registered; Sign In and Sign In with a Code are commands', () => {
  assert.equal(fake.authProviders.get('feishu')?.label, 'Feishu / Lark');
  assert.ok(fake.commands.has('feishu.signIn'));
  assert.ok(fake.commands.has('feishu.signInWithCode'));
});

void test('Sign In with no app credentials asks for them first, then the browser; the account is in the Accounts menu', async () => {
  fake.inputs = [emu.appId, emu.appSecret];
  const changes: unknown[] = [];
  provider().onDidChangeSessions((e) => changes.push(e));
  await fake.run('feishu.signIn');
  assert.deepEqual(
    fake.inputPrompts.map((p) => p.title),
    ['Sign in to Feishu: your app (1/2)', 'Sign in to Feishu: your app (2/2)'],
  );
  const opened = new URL(fake.opened[0]);
  assert.equal(opened.origin + opened.pathname, `${emu.url}/open-apis/authen/v1/authorize`);
  assert.equal(opened.searchParams.get('redirect_uri'), `http://127.0.0.1:${port}/callback`);
  assert.ok(fake.shown.some((s) => s.text === 'Signed in as Ada Lin: uploads now go to your My Space.'));
  const sessions = await provider().getSessions();
  assert.equal(sessions.length, 1);
  assert.deepEqual(sessions[0].account, { id: ada().openId, label: 'Ada Lin' });
  assert.equal(sessions[0].id, `${emu.appId}:${ada().openId}`);
  assert.deepEqual(await provider().getSessions(['drive:file:upload']), sessions);
  assert.deepEqual(await provider().getSessions(['contact:user.phone:readonly']), []);
  await fake.waitFor(() => changes.length > 0, 'onDidChangeSessions');
  assert.equal((changes[0] as { added: unknown[] }).added.length, 1);
  assert.equal(fake.globalState.get(SIGNED_IN_BEFORE_KEY), true);
  const log = fake.log.join('\n');
  assert.match(log, new RegExp(`Signed in as Ada Lin \\(${ada().openId}\\) with the app ${emu.appId}`));
  assert.match(log, new RegExp(`redirect URL http://127\\.0\\.0\\.1:${port}/callback: it must be in the app's security settings`));
  assert.doesNotMatch(log, /eyJ|code=[^*]/, 'no token and no code in the log');
});

void test('signed in: an upload goes to the user\'s own My Space without asking for a folder; log and status bar say who', async () => {
  await signInNow();
  fake.answer = () => undefined;
  await fake.run('feishu.upload', host.file('hello.txt'));
  const file = emu.listFiles().at(-1)!;
  assert.equal(file.parentNode, emu.rootFolderOf(ada().openId));
  assert.equal(file.owner, `user:${ada().openId}`);
  assert.equal(fake.inputPrompts.length, 0, 'no folder question');
  assert.ok(fake.log.some((l) => l.includes(`upload ${host.ws}/hello.txt (13 B) to My Space as Ada Lin (${ada().openId})`)), fake.log.join('\n'));
  await fake.waitFor(() => fake.statusTexts.at(-1) === '$(cloud-upload) Ada Lin', 'the status bar to name the user');
});

void test('the access token expired on Feishu\'s side: the next upload renews it and works without asking', async () => {
  await signInNow();
  const before = stored()!;
  emu.advanceClock(2 * 3600_000 + 60_000);
  fake.shown.length = 0;
  await fake.run('feishu.upload', host.file('hello.txt'));
  assert.deepEqual(
    fake.shown.map((s) => s.text),
    ['Uploaded hello.txt to Feishu.'],
  );
  assert.notEqual(stored()!.refreshToken, before.refreshToken, 'the new pair is stored');
  assert.ok(fake.log.some((l) => /root_folder\/meta → HTTP 400, code 99991677/.test(l)));
  assert.ok(fake.log.some((l) => l.includes('Renewed the sign-in of Ada Lin')));
});

void test('Sign Out keeps the app; the next upload offers Sign In (or the app), and Use the App is remembered', async () => {
  await signInNow();
  fake.answer = () => undefined;
  await fake.run('feishu.signOut');
  assert.equal(stored(), undefined);
  assert.equal(fake.secretMap.get(SECRET_KEYS.appSecret), emu.appSecret);
  assert.deepEqual(fake.shown.at(-1), { severity: 'info', text: 'Signed out Ada Lin. The app credentials stay, for signing in again or acting as the app.', items: ['Forget App Credentials Too'], modal: false });
  assert.deepEqual(await provider().getSessions(), []);

  fake.shown.length = 0;
  await fake.run('feishu.upload', host.file('hello.txt'));
  assert.deepEqual(fake.shown[0], { severity: 'warning', text: 'Sign in to Feishu to upload as yourself, or upload as the app.', items: ['Sign In', 'Use the App'], modal: false });

  // Sign In from that offer: signed in again, and the upload goes on as the user.
  fake.shown.length = 0;
  fake.answer = (s) => (s.text.startsWith('Sign in to Feishu to upload') ? 'Sign In' : undefined);
  const count = emu.listFiles().length;
  await fake.run('feishu.upload', host.file('hello.txt'));
  assert.equal(emu.listFiles().length, count + 1);
  assert.equal(emu.listFiles().at(-1)!.owner, `user:${ada().openId}`);

  // Use the App: remembered in user settings; uploads then act as the app without asking.
  await fake.run('feishu.signOut');
  fake.applySettingWrites = true;
  fake.answer = (s) => (s.text.startsWith('Sign in to Feishu to upload') ? 'Use the App' : undefined);
  fake.userSettings['feishu.defaultFolder'] = 'root';
  await fake.run('feishu.upload', host.file('hello.txt'));
  assert.equal(fake.userSettings['feishu.identity'], 'app');
  assert.equal(emu.listFiles().at(-1)!.owner, `app:${emu.appId}`);
});

void test('Sign In with a Code: the code in a modal, copied, the page opened; approving there signs in', async () => {
  host.signIn();
  fake.onOpenExternal = (url) => {
    if (url.includes('/oauth/v1/device/verify')) setTimeout(() => void decide(url, 'approve'), 50);
  };
  fake.answer = (s) => (s.text.startsWith('Your sign-in code:') ? 'Copy & Open Feishu' : undefined);
  await fake.run('feishu.signInWithCode');
  const modal = fake.shown.find((s) => s.text.startsWith('Your sign-in code:'))!;
  assert.equal(modal.modal, true);
  const code = /Your sign-in code: ([A-Z2-9]{4}-[A-Z2-9]{4})$/.exec(modal.text)?.[1];
  assert.ok(code);
  assert.equal(fake.clipboard, code);
  assert.ok(fake.opened.some((u) => u === `${emu.url}/oauth/v1/device/verify?user_code=${code}`));
  assert.equal(stored()?.name, 'Ada Lin');
});

void test('Deny in the browser: one message with Sign In; nothing stored', async () => {
  host.signIn();
  fake.onOpenExternal = (url) => void approveAndReturn(url, 'deny');
  await fake.run('feishu.signIn');
  const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error');
  assert.equal(error.text, 'The sign-in was refused on Feishu\'s page. Feishu says: "access_denied". Sign in again and choose Approve.');
  assert.deepEqual(error.items, ['Sign In', 'Show Log']);
  assert.equal(stored(), undefined);
});

void test('a browser that never comes back (cancelled): the code is offered instead', async () => {
  host.signIn();
  fake.onOpenExternal = () => undefined; // nobody approves
  fake.cancelAfterReports = 1; // the person cancels the progress notification once it says "approve…"
  fake.answer = (s) => (s.text.startsWith('The sign-in in the browser was not finished') ? undefined : undefined);
  await fake.run('feishu.signIn');
  assert.ok(fake.shown.some((s) => s.text === 'The sign-in in the browser was not finished. Sign in with a code instead? It works where the browser cannot reach VS Code.' && s.items[0] === 'Sign In with a Code'));
  assert.equal(stored(), undefined);
  assert.ok(!fake.shown.some((s) => s.severity === 'error'), 'cancelling is not an error');
});

void test('a revoked sign-in: the upload says so with Sign In; the account leaves the Accounts menu', async () => {
  await signInNow();
  emu.revokeUserGrants();
  emu.advanceClock(2 * 3600_000 + 60_000);
  fake.shown.length = 0;
  await fake.run('feishu.upload', host.file('hello.txt'));
  const error = await fake.waitFor(() => fake.shown.find((s) => s.text.includes('Your sign-in was revoked')), 'the failure');
  assert.equal(
    error.text,
    'Your sign-in was revoked. Feishu says: "refresh token has been revoked". (code 20064) You (or an admin) withdrew the app\'s access: sign in again (Feishu: Sign In, or feishu-upload login).',
  );
  assert.deepEqual(error.items, ['Sign In', 'Show Log']);
  assert.equal(stored(), undefined);
  assert.deepEqual(await provider().getSessions(), []);
});

void test('two windows renewing one sign-in at once: one refresh (the lock in global storage), both upload as the user', async () => {
  await signInNow();
  const a = await window();
  const b = await window();
  emu.advanceClock(2 * 3600_000 + 60_000);
  const refreshes = emu.stats().calls['authen/v2/oauth/token'] ?? 0;
  const upload = async (services: Services): Promise<string> => {
    const lease = await services.clients.acquire();
    try {
      return (await lease.uploader.upload(memorySource('w.txt', Buffer.from('window')), { kind: 'folder' })).fileToken;
    } finally {
      lease.release();
    }
  };
  const [fa, fb] = await Promise.all([upload(a), upload(b)]);
  assert.equal((emu.stats().calls['authen/v2/oauth/token'] ?? 0) - refreshes, 1);
  for (const f of [fa, fb]) assert.equal(emu.getFile(f)?.owner, `user:${ada().openId}`);
  assert.ok(stored(), 'still signed in');
});

void test('two windows without a shared lock (other machines, one SecretStorage): the 20073 loser reads the winner\'s pair', async () => {
  await signInNow();
  const a = await window();
  const storage = fake.globalStorage;
  fake.globalStorage = `${storage}-other`;
  const b = await window();
  fake.globalStorage = storage;
  emu.advanceClock(2 * 3600_000 + 60_000);
  const before = emu.stats().codes['20073'] ?? 0;
  const leases = await Promise.all([a.clients.acquire(), b.clients.acquire()]);
  const tokens = await Promise.all(leases.map((l) => l.uploader.upload(memorySource('x.txt', Buffer.from('x')), { kind: 'folder' })));
  for (const l of leases) l.release();
  assert.equal(tokens.length, 2);
  // Whether the second window met 20073 or found the new pair first depends on timing; either way it is no sign-out.
  assert.ok((emu.stats().codes['20073'] ?? 0) - before <= 1);
  assert.ok(stored(), 'nobody was signed out');
});

void test('99991679 (a scope the user did not grant): the message offers Sign In, which asks for that scope', async () => {
  await signInNow();
  emu.injectFault({ kind: 'code', code: 99991679, endpoint: 'drive/explorer/v2/root_folder/meta' });
  let asked = '';
  let approved: Promise<unknown> | undefined;
  fake.onOpenExternal = (url) => {
    asked = new URL(url).searchParams.get('scope') ?? '';
    approved = approveAndReturn(url);
  };
  fake.answer = (s) => (s.severity === 'error' ? 'Sign In' : undefined);
  await fake.run('feishu.upload', host.file('hello.txt'));
  await fake.waitFor(() => asked !== '', 'a new sign-in');
  assert.match(JSON.stringify(fake.shown), /The user has not granted the scope this API needs/);
  assert.match(asked, /drive:file:upload/);
  // The new sign-in runs on after the upload's message: let it finish before the emulator goes (else its loopback
  // listener would wait for a browser that is gone, and the file would not end for minutes).
  await approved;
  await fake.waitFor(() => fake.shown.filter((s) => s.text.startsWith('Signed in as Ada Lin')).length >= 2, 'the second sign-in');
});

/** Another VS Code window of this machine: its own services over the same SecretStorage. */
async function window(): Promise<Services> {
  const { createServices } = await import('../../src/vscode/services/services');
  return createServices(fake.context() as never);
}
