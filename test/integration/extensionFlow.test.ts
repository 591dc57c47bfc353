import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import type { Emulator } from '../../src/emulator';
import { SECRET_KEYS } from '../../src/vscode/credentials/SecretStore';
import { ExtensionHost } from '../helpers/extensionHost';
import type { FakeUri } from '../helpers/fakeVscode';

// The real command handlers, registrar, error boundary and upload flow, with a scripted `vscode` and the
// Feishu emulator on loopback: what the thin adapters do, checked without a VS Code.
const host = new ExtensionHost();
const fake = host.fake;
let emu: Emulator;
let ws = '';
const file = (...parts: string[]): FakeUri => host.file(...parts);

before(async () => {
  await host.start();
  emu = host.emu;
  ws = host.ws;
  writeFileSync(join(ws, 'hello.txt'), 'Hello, Feishu.\n');
  for (const dir of ['docs', 'docs/.git', 'docs/node_modules']) mkdirSync(join(ws, dir));
  writeFileSync(join(ws, 'docs', 'a.txt'), 'a');
  writeFileSync(join(ws, 'docs', 'b.txt'), 'bb');
  writeFileSync(join(ws, 'docs', 'empty.txt'), '');
  writeFileSync(join(ws, 'docs', 'scratch.tmp'), 'hidden by files.exclude');
  writeFileSync(join(ws, 'docs', '.git', 'HEAD'), 'ref');
  writeFileSync(join(ws, 'docs', 'node_modules', 'x.js'), 'x');
});

after(() => host.stop());

beforeEach(() => host.activate());

const signIn = (): void => host.signIn();

void test('activation registers every command', () => {
  assert.deepEqual([...fake.commands.keys()].sort(), [
    'feishu.changeFolder',
    'feishu.clearHistory',
    'feishu.copyLastLink',
    'feishu.getStarted',
    'feishu.history.copyLink',
    'feishu.history.openInBrowser',
    'feishu.history.revealLocalFile',
    'feishu.history.uploadAgain',
    'feishu.importAsDoc',
    'feishu.publishMarkdown',
    'feishu.setAppCredentials',
    'feishu.setUserAccessToken',
    'feishu.showLog',
    'feishu.signIn',
    'feishu.signInWithCode',
    'feishu.signOut',
    'feishu.upload',
    'feishu.uploadFile',
    'feishu.uploadFilesToDocument',
    'feishu.uploadToDocument',
    'feishu.uploadToFolder',
  ]);
  assert.ok(fake.treeViews.has('feishu.uploads'), 'the Feishu Uploads view');
});

void test('first upload: offers credentials, checks them, asks for the folder, uploads, Copy Link', async () => {
  fake.inputs = [emu.appId, emu.appSecret];
  // The folder picker starts at My Space: "Upload here".
  fake.picks = ['Upload here'];
  fake.answer = (s) =>
    s.text.startsWith('Feishu Upload needs credentials') ? 'Set App Credentials' : s.text === 'Uploaded hello.txt to Feishu.' ? 'Copy Link' : s.text.startsWith('Upload to this folder') ? 'Remember' : undefined;
  await fake.run('feishu.upload', file('hello.txt'), [file('hello.txt')]);

  const stored = emu.listFiles();
  assert.equal(stored.length, 1);
  assert.equal(stored[0].name, 'hello.txt');
  assert.equal(stored[0].parentNode, emu.rootFolderToken, '"Upload here" at the start is My Space');
  assert.equal(fake.clipboard, `${emu.tenantUrl}/file/${stored[0].fileToken}`, "Feishu's own link (metas batch_query)");
  assert.deepEqual(fake.statusMessages, ['Link copied.']);
  assert.deepEqual(fake.shown.find((s) => s.text === 'Uploaded hello.txt to Feishu.')?.items, ['Copy Link', 'Open in Browser', 'Copy Token']);
  assert.equal(fake.secretMap.get(SECRET_KEYS.appSecret), emu.appSecret);
  assert.deepEqual(fake.inputPrompts.map((p) => p.password === true), [false, true], 'the secret goes in a password box');
  assert.deepEqual(fake.problems, []);
  await fake.waitFor(() => fake.settingsWritten.length > 0, 'the folder to be remembered');
  assert.deepEqual(fake.settingsWritten, [{ key: 'feishu.defaultFolder', value: 'root', target: 1 }]);
  // The status bar showed progress and then who uploads again; the log has the calls and never the secret.
  assert.ok(fake.statusTexts.some((t) => t.startsWith('$(sync~spin) Feishu ')));
  assert.equal(fake.statusTexts.at(-1), `$(cloud-upload) app ${emu.appId}`);
  const log = fake.log.join('\n');
  assert.match(log, /POST drive\/v1\/files\/upload_all → HTTP 200, code 0, log id \S+, \d+ ms/);
  assert.doesNotMatch(log, new RegExp(emu.appSecret));
});

void test('wrong App Secret: a clear message with "Set App Credentials", and nothing saved', async () => {
  fake.inputs = [emu.appId, 'not-the-secret'];
  await fake.run('feishu.setAppCredentials');
  const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error message');
  assert.match(error.text, /App Secret|App ID/);
  assert.deepEqual(error.items, ['Set App Credentials', 'Show Log']);
  assert.equal(fake.secretMap.size, 0);
});

void test('a folder: .git, node_modules, files.exclude and empty files left out; "n uploaded"; Copy All Links', async () => {
  signIn();
  const folder = emu.addFolder();
  fake.userSettings['feishu.defaultFolder'] = `${emu.url}/drive/folder/${folder}`;
  fake.answer = (s) => (s.text === '2 files uploaded to Feishu.' ? 'Copy All Links' : undefined);
  await fake.run('feishu.upload', file('docs'), [file('docs')]);
  const stored = emu.listFiles();
  assert.deepEqual(stored.map((f) => f.name).sort(), ['a.txt', 'b.txt']);
  // The folder itself is recreated in the target, and its files go into it.
  const docs = emu.folderTree(folder)?.folders.find((f) => f.name === 'docs');
  assert.ok(docs, 'a "docs" folder in the target');
  assert.ok(stored.every((f) => f.parentNode === docs.token));
  assert.deepEqual(fake.clipboard.split('\n'), stored.map((f) => `[${f.name}](${emu.tenantUrl}/file/${f.fileToken})`));
  assert.ok(fake.reports.some((r) => /^File [12] of 2: [ab]\.txt · \d+%/.test(r.message ?? '')), JSON.stringify(fake.reports));
});

void test('1061004: how to share the folder, with "Change Folder"', async () => {
  signIn();
  fake.userSettings['feishu.defaultFolder'] = 'root';
  emu.injectFault({ kind: 'code', code: 1061004, status: 403, msg: 'forbidden.', endpoint: 'files/upload_all' });
  fake.answer = (s) => (s.severity === 'error' ? 'Change Folder' : undefined);
  await fake.run('feishu.upload', file('hello.txt'));
  const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error message');
  assert.match(error.text, /^No permission to upload to this folder or document\. .*\(code 1061004\) Give the app \(or user\) edit permission/);
  assert.deepEqual(error.items, ['Change Folder', 'Show Log']);
  // Change Folder opens the folder picker (Escape here).
  await fake.waitFor(() => fake.executed.find((e) => e[0] === 'feishu.changeFolder'), 'the folder picker to open');
  assert.match(fake.log.join('\n'), /error .*code 1061004.*log id/);
});

void test('Cancel: the batch stops and the message says what was not uploaded', async () => {
  signIn();
  fake.userSettings['feishu.defaultFolder'] = 'root';
  fake.cancelAfterReports = 1;
  await fake.run('feishu.upload', file('docs', 'a.txt'), [file('docs', 'a.txt'), file('docs', 'b.txt')]);
  const summary = fake.shown.find((s) => s.text.startsWith('Upload cancelled'));
  assert.equal(summary?.text, 'Upload cancelled: 0 of 2 files uploaded. Not uploaded: a.txt, b.txt.');
  assert.deepEqual(summary?.items, ['Upload the Rest', 'Show Log']);
  assert.equal(emu.listFiles().length, 0);
  assert.ok(!fake.shown.some((s) => s.severity === 'error'), 'cancelling is not an error');
});

void test('no credentials and the offer dismissed: nothing else happens', async () => {
  await fake.run('feishu.upload', file('hello.txt'));
  assert.deepEqual(fake.shown.map((s) => s.severity), ['warning']);
  assert.deepEqual(fake.shown[0].items, ['Sign In', 'Set App Credentials', 'Get Started']);
  assert.equal(emu.listFiles().length, 0);
});

void test('no credentials and "Get Started": the walkthrough opens, the upload stops without an error', async () => {
  fake.answer = (s) => (s.text.startsWith('Feishu Upload needs credentials') ? 'Get Started' : undefined);
  await fake.run('feishu.upload', file('hello.txt'));
  assert.deepEqual(fake.executed, [['feishu.getStarted'], ['workbench.action.openWalkthrough', 'feishu-upload.feishu-upload#getStarted', false]]);
  assert.deepEqual(fake.shown.map((s) => s.severity), ['warning'], 'no error, nothing else');
  assert.equal(emu.listFiles().length, 0);
});

void test('a base URL off loopback over http is refused with "Open Settings"', async () => {
  signIn();
  fake.userSettings['feishu.apiBaseUrl'] = 'http://feishu.example.com';
  fake.userSettings['feishu.defaultFolder'] = 'root';
  await fake.run('feishu.upload', file('hello.txt'));
  const error = await fake.waitFor(() => fake.shown.find((s) => s.severity === 'error'), 'the error message');
  assert.match(error.text, /^The API base URL is not allowed/);
  assert.deepEqual(error.items, ['Open Settings', 'Show Log']);
});

void test('in a Markdown editor the result offers Insert Link, which writes [name](url) at the cursor', async () => {
  signIn();
  fake.userSettings['feishu.defaultFolder'] = 'root';
  const doc = fake.openMarkdownEditor();
  fake.answer = (s) => (s.text === 'Uploaded hello.txt to Feishu.' ? 'Insert Link' : undefined);
  await fake.run('feishu.upload', file('hello.txt'));
  const [stored] = emu.listFiles();
  assert.equal(doc.text, `See: [hello.txt](${emu.tenantUrl}/file/${stored.fileToken})`);
});

void test('a user access token works as the identity, kept in a password box', async () => {
  fake.inputs = ['u-emulator-user-token'];
  await fake.run('feishu.setUserAccessToken');
  assert.equal(fake.inputPrompts[0].password, true);
  assert.equal(fake.secretMap.get(SECRET_KEYS.userAccessToken), 'u-emulator-user-token');
  assert.match(fake.shown[0].text, /^User access token saved/);
});

void test('sign out removes the credentials', async () => {
  signIn();
  await fake.run('feishu.signOut');
  assert.equal(fake.secretMap.size, 0);
  assert.equal(fake.shown[0].text, 'Signed out: the Feishu credentials were removed from this machine.');
});
