import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { checkMediaTarget, FeishuError, parseFolderInput } from '../../../../src/core';

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

test('media targets are checked before any byte is sent', () => {
  checkMediaTarget('docx_image', 'blk1');
  checkMediaTarget('ccm_import_open', '', '{"obj_type":"docx","file_extension":"md"}');
  fails(() => checkMediaTarget('docx_picture', 'blk1'), /Unknown parent type "docx_picture"; use one of doc_image, docx_image/);
  fails(() => checkMediaTarget('docx_file', ' '), /Parent type docx_file needs a parent node/);
  fails(() => checkMediaTarget('docx_file', 'blk', '{bad'), /extra is not valid JSON/);
});
