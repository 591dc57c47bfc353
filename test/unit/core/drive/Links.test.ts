import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, Links } from '../../../../src/core';
import { FakeDriveApi, NO_WAIT } from '../../../helpers/FakeDriveApi';

void test("Feishu's url when it gives one; a meta without a url falls back to the brand's domain, and a warning says so", async () => {
  const api = new FakeDriveApi();
  api.metas = (docs) => ({
    metas: docs.map((d) => ({ token: d.token, type: d.type, url: d.token === 'b' ? undefined : `https://acme.feishu.cn/file/${d.token}` })),
    failed: [],
  });
  const warnings: string[] = [];
  const links = await new Links(api.asApi(), { ...NO_WAIT, brand: 'feishu', onWarning: (w) => warnings.push(w) }).of([
    { token: 'a', type: 'file' },
    { token: 'b', type: 'file' },
  ]);
  assert.equal(links.get('a'), 'https://acme.feishu.cn/file/a');
  assert.equal(links.get('b'), 'https://www.feishu.cn/file/b');
  assert.deepEqual(warnings, [
    "Feishu gave no link for 1 item(s): b. Using links on the brand's domain instead (like https://www.feishu.cn/file/b), which may not open on a private deployment.",
  ]);
});

void test('fallbacks by type and brand: Lark files, folders and documents', () => {
  const links = new Links(new FakeDriveApi().asApi(), { brand: 'lark' });
  assert.equal(links.fallback({ token: 'f', type: 'file' }), 'https://www.larksuite.com/file/f');
  assert.equal(links.fallback({ token: 'd', type: 'folder' }), 'https://www.larksuite.com/drive/folder/d');
  assert.equal(links.fallback({ token: 'x', type: 'docx' }), 'https://www.larksuite.com/docx/x');
});

void test('nothing asked, nothing called; a cancel is not turned into fallbacks', async () => {
  const api = new FakeDriveApi();
  const links = new Links(api.asApi(), { ...NO_WAIT, brand: 'feishu' });
  assert.equal((await links.of([])).size, 0);
  assert.deepEqual(api.calls, []);
  api.failures.batchQueryMetas = [{ error: new FeishuError({ code: 'CANCELLED' }) }];
  await assert.rejects(links.of([{ token: 'a', type: 'file' }]), (e: FeishuError) => e.code === 'CANCELLED');
});

void test('transient failures are retried before falling back', async () => {
  const api = new FakeDriveApi();
  api.failures.batchQueryMetas = [{ error: new FeishuError({ code: 99991400 }) }];
  const links = await new Links(api.asApi(), { ...NO_WAIT, brand: 'feishu' }).of([{ token: 'a', type: 'file' }]);
  assert.equal(links.get('a'), 'https://t.example/file/a');
  assert.deepEqual(api.calls, ['metas 1', 'metas 1']);
});
