import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, signInWithDevice, type DeviceCode, type DevicePoll, type OAuthApi, type TokenGrant } from '../../../../src/core';
import { FakeClock } from '../../../helpers/FakeClock';

const GRANT: TokenGrant = { accessToken: 'a', expiresIn: 7200, refreshToken: 'r', refreshExpiresIn: 604800, scopes: ['drive:file:upload'] };
const CODE: DeviceCode = { deviceCode: 'dc', userCode: 'ABCD-EFGH', verificationUri: 'https://x/verify', verificationUriComplete: 'https://x/verify?user_code=ABCD-EFGH', expiresIn: 60, interval: 5 };

/** An OAuthApi whose polls answer from a script (a FeishuError in it is thrown). */
function api(script: (DevicePoll | FeishuError)[], code: DeviceCode = CODE): OAuthApi & { polls: number } {
  const fake = {
    polls: 0,
    startDevice: async () => code,
    pollDevice: async () => {
      fake.polls++;
      const next = script.shift() ?? { done: false, slowDown: false };
      if (next instanceof FeishuError) throw next;
      return next;
    },
  };
  return fake as unknown as OAuthApi & { polls: number };
}

async function run(fake: OAuthApi, clock: FakeClock, shown: DeviceCode[] = []): Promise<{ result?: TokenGrant; error?: unknown }> {
  const pending = signInWithDevice({ api: fake, scopes: ['drive:file:upload'], clock, onCode: (c) => void shown.push(c) }).then(
    (result) => ({ result }),
    (error: unknown) => ({ error }),
  );
  await clock.advance(120_000);
  return pending;
}

void test('shows the code first, then polls every interval until approved', async () => {
  const clock = new FakeClock();
  const shown: DeviceCode[] = [];
  const fake = api([{ done: false, slowDown: false }, { done: false, slowDown: false }, { done: true, grant: GRANT }]);
  const { result } = await run(fake, clock, shown);
  assert.deepEqual(result, GRANT);
  assert.deepEqual(shown, [CODE]);
  assert.deepEqual(clock.sleeps, [5000, 5000, 5000]);
});

void test('slow_down adds 5 s, a network failure 1 s, both capped at 60 s', async () => {
  const clock = new FakeClock();
  const fake = api([{ done: false, slowDown: true }, new FeishuError({ code: 'NETWORK' }), { done: false, slowDown: true }, { done: true, grant: GRANT }], { ...CODE, expiresIn: 600, interval: 50 });
  const pending = signInWithDevice({ api: fake, scopes: [], clock, onCode: () => undefined });
  await clock.advance(600_000);
  assert.deepEqual(await pending, GRANT);
  assert.deepEqual(clock.sleeps, [50_000, 55_000, 56_000, 60_000]);
});

void test('the code expires: SIGN_IN_CODE_EXPIRED with its message, no poll after the expiry', async () => {
  const clock = new FakeClock();
  const fake = api([]);
  const { error } = await run(fake, clock);
  assert.ok(error instanceof FeishuError);
  assert.equal(error.message, 'The sign-in code expired before it was approved. It lived 60 s. (SIGN_IN_CODE_EXPIRED)');
  assert.equal(error.hint, 'Sign in again and approve the code before it expires.');
  assert.equal(fake.polls, 11, 'polls at 5, 10, … 55 s');
});

void test('a refusal on the page ends it at once with its message', async () => {
  const clock = new FakeClock();
  const { error } = await run(api([{ done: false, slowDown: false }, new FeishuError({ code: 'SIGN_IN_DENIED' })]), clock);
  assert.ok(error instanceof FeishuError);
  assert.equal(error.userMessage, 'The sign-in was refused on Feishu\'s page. (SIGN_IN_DENIED) Sign in again and choose Approve.');
});
