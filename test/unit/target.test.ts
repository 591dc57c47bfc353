import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkMediaTarget, driveFileUrl, FeishuError, parseFolderInput, resolveBaseUrl } from '../../src/core';

const fails = (fn: () => unknown, re: RegExp) =>
  assert.throws(fn, (e: unknown) => e instanceof FeishuError && re.test(`${e.message} ${e.hint}`), String(re));

test('folder input: links on every host kind, bare tokens, empty = root', () => {
  assert.equal(parseFolderInput(''), undefined);
  assert.equal(parseFolderInput('   '), undefined);
  assert.equal(parseFolderInput(undefined), undefined);
  assert.equal(parseFolderInput('fldcnqquW1svRIYVT2Np6Iabcef'), 'fldcnqquW1svRIYVT2Np6Iabcef');
  assert.equal(parseFolderInput('https://acme.feishu.cn/drive/folder/fldcnABC123?from=space'), 'fldcnABC123');
  assert.equal(parseFolderInput('https://acme.larksuite.com/drive/folder/Nlg1b8TZQoVDy8xcSzJcPPjinzf#top'), 'Nlg1b8TZQoVDy8xcSzJcPPjinzf');
  assert.equal(parseFolderInput('https://acme.feishu.cn/drive/folder/fldcnABC123/'), 'fldcnABC123');
  assert.equal(parseFolderInput('http://127.0.0.1:8080/drive/folder/fld123456'), 'fld123456');
});

test('folder input: wrong things get a message naming the problem and the fix', () => {
  fails(() => parseFolderInput('https://acme.feishu.cn/docx/doxcnABCDEF'), /is a docx link, not a folder.*Paste a folder link/);
  fails(() => parseFolderInput('https://example.com/drive/folder/fldcnABC'), /example\.com is not a Feishu or Lark host/);
  fails(() => parseFolderInput('my folder'), /"my folder" is neither a link nor a token/);
  fails(() => parseFolderInput('https://acme.feishu.cn/drive/home/'), /is not a folder link/);
});

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

test('media targets are checked before any byte is sent', () => {
  checkMediaTarget('docx_image', 'blk1');
  checkMediaTarget('ccm_import_open', '', '{"obj_type":"docx","file_extension":"md"}');
  fails(() => checkMediaTarget('docx_picture', 'blk1'), /Unknown parent type "docx_picture"; use one of doc_image, docx_image/);
  fails(() => checkMediaTarget('docx_file', ' '), /Parent type docx_file needs a parent node/);
  fails(() => checkMediaTarget('docx_file', 'blk', '{bad'), /extra is not valid JSON/);
});
