import { strict as assert } from 'node:assert';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { bundleTranslator, english, FeishuError, listenForCallback } from '../../../../src/core';
import zh from '../../../../l10n/bundle.l10n.zh-cn.json';

async function get(url: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url);
  return { status: res.status, text: await res.text() };
}

void test('one callback with the right state: the code, a "you can close this tab" page, then it stops listening', async () => {
  const listener = await listenForCallback({ port: 0, state: 's1', t: english });
  assert.match(listener.redirectUri, /^http:\/\/127\.0\.0\.1:\d+\/callback$/);
  assert.equal((await get(listener.redirectUri.replace('/callback', '/favicon.ico'))).status, 404, 'other paths are not the callback');
  const page = await get(`${listener.redirectUri}?code=abc&state=s1`);
  assert.equal(page.status, 200);
  assert.match(page.text, /<h1>Signed in to Feishu<\/h1>/);
  assert.match(page.text, /You can close this tab/);
  assert.equal(await listener.code, 'abc');
  await assert.rejects(get(`${listener.redirectUri}?code=again&state=s1`), /fetch failed/, 'closed after one callback');
  await listener.close();
});

void test('the page speaks the user\'s language', async () => {
  const listener = await listenForCallback({ port: 0, state: 's', t: bundleTranslator(zh as Record<string, string>), lang: 'zh-CN' });
  const page = await get(`${listener.redirectUri}?code=abc&state=s`);
  assert.match(page.text, /<html lang="zh-CN">/);
  assert.match(page.text, /已登录飞书/);
  await listener.close();
});

void test('a wrong state, a refusal and a missing code end the sign-in with their messages', async () => {
  for (const [query, message, heading] of [
    ['code=abc&state=other', 'The answer from Feishu\'s page does not belong to this sign-in.', 'Sign-in failed'],
    ['error=access_denied&state=s', 'The sign-in was refused on Feishu\'s page. Feishu says: "access_denied".', 'Sign-in refused'],
    ['state=s', 'Feishu refused to start the sign-in. The answer carried no code.', 'Sign-in failed'],
  ]) {
    const listener = await listenForCallback({ port: 0, state: 's', t: english });
    const page = await get(`${listener.redirectUri}?${query}`);
    assert.equal(page.status, 400);
    assert.match(page.text, new RegExp(`<h1>${heading}</h1>`));
    await assert.rejects(listener.code, (e: FeishuError) => e.message.startsWith(message));
    await listener.close();
  }
});

void test('it gives up after the timeout, and stops on abort', async () => {
  const slow = await listenForCallback({ port: 0, state: 's', t: english, timeoutMs: 30 });
  await assert.rejects(slow.code, (e: FeishuError) => e.code === 'SIGN_IN_TIMEOUT' && /The sign-in was not finished in time\./.test(e.message));
  const controller = new AbortController();
  const aborted = await listenForCallback({ port: 0, state: 's', t: english, signal: controller.signal });
  controller.abort();
  await assert.rejects(aborted.code, (e: FeishuError) => e.code === 'CANCELLED');
  await assert.rejects(listenForCallback({ port: 0, state: 's', t: english, signal: controller.signal }), (e: FeishuError) => e.code === 'CANCELLED');
});

void test('a port in use: SIGN_IN_PORT_IN_USE with what to do', async () => {
  const blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  const port = (blocker.address() as { port: number }).port;
  await assert.rejects(listenForCallback({ port, state: 's', t: english }), (e: FeishuError) => {
    assert.equal(e.code, 'SIGN_IN_PORT_IN_USE');
    assert.equal(e.message, `The sign-in port on 127.0.0.1 is already in use. Port ${port}. (SIGN_IN_PORT_IN_USE)`);
    assert.match(e.hint, /pick another port \(setting feishu\.signInPort, or login --port\)/);
    return true;
  });
  blocker.close();
});

void test('it listens on 127.0.0.1 only', async () => {
  const listener = await listenForCallback({ port: 0, state: 's', t: english });
  const port = new URL(listener.redirectUri).port;
  // Another interface of this machine, if it has one, must not answer.
  const { networkInterfaces } = await import('node:os');
  const other = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === 'IPv4' && !i.internal);
  if (other) await assert.rejects(fetch(`http://${other.address}:${port}/callback`), /fetch failed/);
  await listener.close();
});
