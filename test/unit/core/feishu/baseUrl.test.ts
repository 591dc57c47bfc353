import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { documentUrl, driveFileUrl, FeishuError, resolveAccountsUrl, resolveBaseUrl } from '../../../../src/core';

const fails = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof FeishuError && re.test(`${e.message} ${e.hint}`), String(re));

test('base URL: brand defaults, https overrides, http only on loopback', () => {
  assert.equal(resolveBaseUrl('feishu'), 'https://open.feishu.cn');
  assert.equal(resolveBaseUrl('lark'), 'https://open.larksuite.com');
  assert.equal(resolveBaseUrl('feishu', 'https://proxy.example.com/feishu/open-apis/'), 'https://proxy.example.com/feishu');
  assert.equal(resolveBaseUrl('feishu', 'http://127.0.0.1:9999'), 'http://127.0.0.1:9999');
  assert.equal(resolveBaseUrl('feishu', 'http://localhost:9999/'), 'http://localhost:9999');
  fails(() => resolveBaseUrl('feishu', 'http://open.feishu.cn'), /neither https nor loopback http.*http:\/\/ only for 127\.0\.0\.1/);
  fails(() => resolveBaseUrl('feishu', 'http://192.168.1.5:80'), /neither https nor loopback/);
  fails(() => resolveBaseUrl('feishu', 'not a url'), /"not a url" is not a URL/);
  fails(() => resolveBaseUrl('feishu', 'https://user:pw@open.feishu.cn'), /user name or password/);
});

test('file links on the right domain', () => {
  assert.equal(driveFileUrl('feishu', 'boxcnX'), 'https://www.feishu.cn/file/boxcnX');
  assert.equal(driveFileUrl('lark', 'boxcnX'), 'https://www.larksuite.com/file/boxcnX');
  assert.equal(driveFileUrl('feishu', 'boxcnX', 'http://127.0.0.1:1234'), 'http://127.0.0.1:1234/file/boxcnX');
});

void test('a document link from its id: the brand\'s web host, or the override', () => {
  assert.equal(documentUrl('feishu', 'doxcnA'), 'https://www.feishu.cn/docx/doxcnA');
  assert.equal(documentUrl('lark', 'doxcnA'), 'https://www.larksuite.com/docx/doxcnA');
  assert.equal(documentUrl('feishu', 'doxcnA', 'http://127.0.0.1:9/open-apis'), 'http://127.0.0.1:9/docx/doxcnA');
});

void test('the accounts host (authorize page, device flow): the brand\'s, or the override\'s origin and path', () => {
  assert.equal(resolveAccountsUrl('feishu'), 'https://accounts.feishu.cn');
  assert.equal(resolveAccountsUrl('lark'), 'https://accounts.larksuite.com');
  assert.equal(resolveAccountsUrl('feishu', 'http://127.0.0.1:9/open-apis/'), 'http://127.0.0.1:9');
  assert.equal(resolveAccountsUrl('lark', 'https://proxy.example.com/lark'), 'https://proxy.example.com/lark');
  fails(() => resolveAccountsUrl('feishu', 'http://10.0.0.1'), /neither https nor loopback/);
});
