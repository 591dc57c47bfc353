import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, type ImportProgress } from '../../../src/core';
import { documentFromSetting, documentInputProblem, documentPicks } from '../../../src/vscode/documents/documentChoice';
import { ImportProgressReport } from '../../../src/vscode/import/ImportProgressReport';
import { MAX_RECENT_DOCUMENTS, RecentDocuments } from '../../../src/vscode/documents/RecentDocuments';
import { english } from '../../../src/core';
import { FakeClock } from '../../helpers/FakeClock';

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

void test('recent documents: most recent first, one entry per document, at most 10, junk ignored', async () => {
  const store = new Map<string, unknown>();
  const recent = new RecentDocuments({ get: (k) => store.get(k), update: async (k, v) => void store.set(k, v) });
  assert.deepEqual(recent.list(), []);
  store.set(RecentDocuments.KEY, [{ documentId: 'x' }, 'junk', { documentId: 'ok', title: 'Ok', link: 'l' }]);
  assert.deepEqual(recent.list(), [{ documentId: 'ok', title: 'Ok', link: 'l' }]);
  for (let i = 0; i < 12; i++) await recent.remember({ documentId: `d${i}`, title: `Doc ${i}`, link: `https://x.feishu.cn/docx/d${i}` });
  await recent.remember({ documentId: 'd5', title: 'Renamed', link: 'https://x.feishu.cn/wiki/w5' });
  const list = recent.list();
  assert.equal(list.length, MAX_RECENT_DOCUMENTS);
  assert.deepEqual(list[0], { documentId: 'd5', title: 'Renamed', link: 'https://x.feishu.cn/wiki/w5' });
  assert.deepEqual(list.slice(1, 3).map((d) => d.documentId), ['d11', 'd10']);
  assert.equal(list.filter((d) => d.documentId === 'd5').length, 1);
});

void test('import progress: upload fills half the bar, each status check a step more, never back, throttled', async () => {
  const clock = new FakeClock();
  const reports: { message: string; increment: number }[] = [];
  const progress = new ImportProgressReport('plan.md', clock, english, (r) => reports.push(r), 200);
  const upload = (bytesSent: number): ImportProgress => ({ phase: 'upload', upload: { bytesSent, totalBytes: 1000, part: 1, parts: 1 } });
  progress.update(upload(0));
  progress.update(upload(500));
  progress.update(upload(1000));
  await clock.advance(200);
  progress.update({ phase: 'convert', jobStatus: 1, polls: 1 });
  await clock.advance(200);
  progress.update({ phase: 'convert', jobStatus: 2, polls: 2 });
  await clock.advance(200);
  progress.dispose();
  assert.deepEqual(reports, [
    { message: 'Uploading plan.md: 0%', increment: 0, percent: 0 },
    { message: 'Uploading plan.md: 100%', increment: 50, percent: 50 },
    { message: 'Feishu is converting plan.md…', increment: 10, percent: 60 },
    { message: 'Feishu is converting plan.md…', increment: 10, percent: 70 },
  ]);
});
