import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError } from '../../../../src/core';
import { documentFromSetting, documentInputProblem, documentPicks } from '../../../../src/vscode/documents/documentChoice';
import { english } from '../../../../src/core';

void test('document input box: links and ids pass; anything else says why', () => {
  assert.equal(documentInputProblem('https://acme.feishu.cn/docx/doxcnAbc123', english), undefined);
  assert.equal(documentInputProblem('https://acme.feishu.cn/wiki/wikcnAbc123', english), undefined);
  assert.equal(documentInputProblem('doxcnAbc123', english), undefined);
  assert.match(documentInputProblem('', english)!, /^This is not a Feishu document link\. Nothing was given\. Paste a document link like/);
  assert.match(documentInputProblem('https://acme.feishu.cn/sheets/shtcnAbc123', english)!, /^Files can only be added to documents \(docx\), and this is not one\. acme\.feishu\.cn\/sheets\/shtcnAbc123 is a sheet\./);
});

void test('the document setting: empty asks, a link or id names the document, anything else is refused', () => {
  assert.equal(documentFromSetting('  '), undefined);
  assert.deepEqual(documentFromSetting('doxcnAbc123'), { kind: 'docx', documentId: 'doxcnAbc123' });
  assert.throws(() => documentFromSetting('https://acme.feishu.cn/docs/doccnOld123'), (e: unknown) => e instanceof FeishuError && e.code === 'NOT_A_DOCX');
});

void test('document picks: the default first, recent ones (not the default twice), then "paste a link"', () => {
  const recent = [
    { documentId: 'a', title: 'Alpha', link: 'https://x.feishu.cn/docx/a' },
    { documentId: 'b', title: 'Beta', link: 'https://x.feishu.cn/docx/b' },
  ];
  assert.deepEqual(documentPicks('https://x.feishu.cn/docx/b', recent, english), [
    { label: 'Default document', description: 'https://x.feishu.cn/docx/b', link: 'https://x.feishu.cn/docx/b' },
    { label: 'Alpha', description: 'https://x.feishu.cn/docx/a', link: 'https://x.feishu.cn/docx/a' },
    { label: 'Paste a document link…' },
  ]);
  assert.deepEqual(documentPicks('', [], english), [{ label: 'Paste a document link…' }]);
});
