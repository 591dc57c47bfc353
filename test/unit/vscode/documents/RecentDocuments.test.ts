import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { MAX_RECENT_DOCUMENTS, RecentDocuments } from '../../../../src/vscode/documents/RecentDocuments';

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
