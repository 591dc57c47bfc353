import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { chooseIdentity, type IdentityFacts } from '../../../../src/vscode/auth/identityChoice';

const none: IdentityFacts = { setting: 'user', app: false, signedIn: false, pasted: false, signedInBefore: false };

void test('"user" (the default): the signed-in user, else a pasted token', () => {
  assert.deepEqual(chooseIdentity({ ...none, app: true, signedIn: true, pasted: true }), { act: 'signedIn' });
  assert.deepEqual(chooseIdentity({ ...none, app: true, pasted: true }), { act: 'pasted' });
});

void test('"user" before anyone signed in on this machine: the app stands in quietly, as before sign-in existed', () => {
  assert.deepEqual(chooseIdentity({ ...none, app: true }), { act: 'app' });
});

void test('"user" after a sign-out: Sign In is offered (with the app as the other choice), never a silent switch', () => {
  assert.deepEqual(chooseIdentity({ ...none, app: true, signedInBefore: true }), { missing: 'signIn', appAvailable: true });
  assert.deepEqual(chooseIdentity({ ...none, signedInBefore: true }), { missing: 'anything', appAvailable: false });
  assert.deepEqual(chooseIdentity(none), { missing: 'anything', appAvailable: false });
});

void test('"app": always the app, also while signed in; without its credentials they are what is missing', () => {
  assert.deepEqual(chooseIdentity({ ...none, setting: 'app', app: true, signedIn: true }), { act: 'app' });
  assert.deepEqual(chooseIdentity({ ...none, setting: 'app', signedIn: true }), { missing: 'appCredentials', appAvailable: false });
});
