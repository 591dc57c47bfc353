import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, parseDocumentInput } from '../../../../src/core';

function fails(input: string, code: string, message: RegExp): void {
  assert.throws(
    () => parseDocumentInput(input),
    (e: unknown) => e instanceof FeishuError && e.code === code && message.test(e.userMessage),
    input,
  );
}

void test('docx links on Feishu, Lark and larkoffice hosts, the emulator, and bare ids', () => {
  assert.deepEqual(parseDocumentInput('https://acme.feishu.cn/docx/doxcnAbC123xyz?from=space#part'), {
    kind: 'docx',
    documentId: 'doxcnAbC123xyz',
    link: 'https://acme.feishu.cn/docx/doxcnAbC123xyz?from=space#part',
  });
  assert.equal((parseDocumentInput('https://acme.larksuite.com/docx/Nlg1b8TZQoVDy8xcSzJcPPjinzf') as { documentId: string }).documentId, 'Nlg1b8TZQoVDy8xcSzJcPPjinzf');
  assert.equal(parseDocumentInput('https://acme.larkoffice.com/docx/doxcnAbC123/').kind, 'docx');
  assert.equal(parseDocumentInput('http://127.0.0.1:8123/docx/doxcnAbC123').kind, 'docx');
  assert.deepEqual(parseDocumentInput('  doxcnAbC123  '), { kind: 'docx', documentId: 'doxcnAbC123' });
});

void test('wiki links are wiki nodes to resolve', () => {
  assert.deepEqual(parseDocumentInput('https://acme.feishu.cn/wiki/wikcnXyZ987654?table=1'), {
    kind: 'wiki',
    nodeToken: 'wikcnXyZ987654',
    link: 'https://acme.feishu.cn/wiki/wikcnXyZ987654?table=1',
  });
});

void test('legacy docs, sheets and other links are refused, naming what they are', () => {
  fails('https://acme.feishu.cn/docs/doccnLegacy123', 'NOT_A_DOCX', /^Files can only be added to documents \(docx\), and this is not one\. acme\.feishu\.cn\/docs\/doccnLegacy123 is a legacy document \(doc\)\. .*Pick a document: a \/docx\/ link/);
  fails('https://acme.feishu.cn/sheets/shtcnAbc123', 'NOT_A_DOCX', /shtcnAbc123 is a sheet\./);
  fails('https://acme.feishu.cn/base/bascnAbc123', 'NOT_A_DOCX', /is a Base \(bitable\)\./);
  fails('https://acme.feishu.cn/drive/folder/fldcnAbc123', 'NOT_A_DOCX', /is a folder\./);
  fails('https://acme.feishu.cn/file/boxcnAbc123', 'NOT_A_DOCX', /is a Drive file\./);
  fails('https://acme.feishu.cn/drive/home/', 'BAD_DOCUMENT', /^This is not a Feishu document link\. acme\.feishu\.cn\/drive\/home\/ is not a document link\. \(BAD_DOCUMENT\) Paste a document link like https:\/\/example\.feishu\.cn\/docx\/<id>/);
  fails('https://example.com/docx/doxcnAbc123', 'BAD_DOCUMENT', /example\.com is not a Feishu or Lark host\./);
  fails('my notes', 'BAD_DOCUMENT', /"my notes" is neither a link nor a token\./);
  fails('   ', 'BAD_DOCUMENT', /Nothing was given\./);
});
