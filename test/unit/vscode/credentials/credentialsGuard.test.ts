import { strict as assert } from 'node:assert';
import { before, beforeEach, test } from 'node:test';
import { english, isCancelled } from '../../../../src/core';
import { COMMAND_IDS, WALKTHROUGH_ID } from '../../../../src/vscode/commands/commandIds';
import type { Services } from '../../../../src/vscode/services/services';
import { FakeVscode } from '../../../helpers/fakeVscode';

const fake = new FakeVscode();
fake.install();

const NEEDS = 'Feishu Upload needs credentials first: sign in with Feishu through your custom app, or set that app\'s App ID and App Secret to act as the app.';
let saved: { appId: string } | undefined;
/** What is missing when nothing is saved: `anything` (a newcomer) unless a test says otherwise. */
let missing: 'anything' | 'signIn' | 'appCredentials' = 'anything';
const services = {
  t: english,
  auth: { choice: async () => (saved ? { act: 'app' } : { missing, appAvailable: missing === 'signIn' }) },
} as unknown as Services;
/** What the stand-in for "Set App Credentials" does: save them, or be cancelled. */
let setCredentialsSaves = true;

// Imported after install(): these modules load 'vscode'.
let ensureCredentials: (s: Services) => Promise<void>;
before(async () => {
  ({ ensureCredentials } = await import('../../../../src/vscode/credentials/credentialsGuard'));
  const { getStarted } = await import('../../../../src/vscode/commands/getStarted');
  fake.module.commands.registerCommand(COMMAND_IDS.getStarted, () => getStarted.run(services));
  fake.module.commands.registerCommand(COMMAND_IDS.setAppCredentials, async () => {
    if (setCredentialsSaves) saved = { appId: 'cli_x' };
  });
});

beforeEach(() => {
  fake.reset();
  saved = undefined;
  missing = 'anything';
  setCredentialsSaves = true;
});

async function cancelled(run: Promise<void>): Promise<void> {
  await assert.rejects(run, (err) => isCancelled(err), 'the command stops quietly');
}

void test('with credentials it asks nothing', async () => {
  saved = { appId: 'cli_x' };
  await ensureCredentials(services);
  assert.deepEqual(fake.shown, []);
});

void test('without credentials it offers to sign in or set them, or the walkthrough', async () => {
  await cancelled(ensureCredentials(services));
  assert.deepEqual(fake.shown, [{ severity: 'warning', text: NEEDS, items: ['Sign In', 'Set App Credentials', 'Get Started'], modal: false }]);
  assert.deepEqual(fake.executed, [], 'dismissed: nothing runs');
});

void test('Get Started opens the walkthrough, and the command stops quietly', async () => {
  fake.answer = (s) => (s.text === NEEDS ? 'Get Started' : undefined);
  await cancelled(ensureCredentials(services));
  assert.deepEqual(fake.executed, [['feishu.getStarted'], ['workbench.action.openWalkthrough', WALKTHROUGH_ID, false]]);
  assert.equal(fake.shown.length, 1, 'nothing else is shown');
});

void test('Set App Credentials: the command goes on once they are saved, and stops quietly when they are not', async () => {
  fake.answer = (s) => (s.text === NEEDS ? 'Set App Credentials' : undefined);
  await ensureCredentials(services);
  assert.deepEqual(fake.executed, [['feishu.setAppCredentials']]);

  saved = undefined;
  setCredentialsSaves = false;
  await cancelled(ensureCredentials(services));
});

void test('signed out (a user is wanted): Sign In, or the app; the app wanted without its credentials: Set App Credentials', async () => {
  missing = 'signIn';
  await cancelled(ensureCredentials(services));
  assert.deepEqual(fake.shown.at(-1), { severity: 'warning', text: 'Sign in to Feishu to upload as yourself, or upload as the app.', items: ['Sign In', 'Use the App'], modal: false });
  missing = 'appCredentials';
  await cancelled(ensureCredentials(services));
  assert.deepEqual(fake.shown.at(-1)?.items, ['Set App Credentials']);
  assert.match(fake.shown.at(-1)!.text, /^Acting as the app \(the setting feishu\.identity is "app"\) needs its App ID and App Secret\.$/);
});
