import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { MAX_PUBLISH_RECORDS, PublishRecords, type PublishRecordKey } from '../../../../src/core';
import { tempDir } from '../../../helpers/fixtures';

const tmp = tempDir();
after(() => tmp.dispose());

const app = { kind: 'app' as const, id: 'cli_a' };
const record = (documentId: string, publishedAt = 1): { documentId: string; title: string; url: string; publishedAt: number } => ({ documentId, title: `T ${documentId}`, url: `https://x/docx/${documentId}`, publishedAt });

void test('a record per API base, identity and file; forget removes one; the file is private', async () => {
  const records = new PublishRecords(join(tmp.dir, 'state', 'records.json'));
  const key: PublishRecordKey = { apiBase: 'https://open.feishu.cn', identity: app, filePath: join(tmp.dir, 'a.md') };
  assert.equal(await records.get(key), undefined, 'no file yet');
  await records.set(key, record('doc1'));
  await records.set({ ...key, identity: { kind: 'user', id: 'token-1' } }, record('doc2'));
  await records.set({ ...key, apiBase: 'https://open.larksuite.com' }, record('doc3'));
  assert.deepEqual(await records.get(key), record('doc1'));
  assert.equal((await records.get({ ...key, identity: { kind: 'user', id: 'token-1' } }))?.documentId, 'doc2');
  assert.equal((await records.get({ ...key, apiBase: 'https://open.larksuite.com' }))?.documentId, 'doc3');
  assert.equal(await records.get({ ...key, filePath: join(tmp.dir, 'b.md') }), undefined);
  await records.forget(key);
  assert.equal(await records.get(key), undefined);
  assert.equal(statSync(records.file).mode & 0o777, 0o600);
});

void test('a file reached through a symlink or a relative path is the same file', async () => {
  const records = new PublishRecords(join(tmp.dir, 'links.json'));
  mkdirSync(join(tmp.dir, 'real'));
  writeFileSync(join(tmp.dir, 'real', 'c.md'), '# c');
  symlinkSync(join(tmp.dir, 'real'), join(tmp.dir, 'alias'));
  await records.set({ apiBase: 'x', identity: app, filePath: join(tmp.dir, 'alias', 'c.md') }, record('doc4'));
  assert.equal((await records.get({ apiBase: 'x', identity: app, filePath: join(tmp.dir, 'real', 'c.md') }))?.documentId, 'doc4');
});

void test('a damaged file counts as empty and is replaced; malformed entries are dropped', async () => {
  const file = join(tmp.dir, 'damaged.json');
  const records = new PublishRecords(file);
  const key = { apiBase: 'x', identity: app, filePath: join(tmp.dir, 'd.md') };
  writeFileSync(file, '{not json');
  assert.equal(await records.get(key), undefined);
  await records.set(key, record('doc5'));
  assert.equal((await records.get(key))?.documentId, 'doc5');
  writeFileSync(file, JSON.stringify({ version: 1, records: { k: { documentId: 7 } } }));
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).records.k, { documentId: 7 });
  await records.set(key, record('doc6'));
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(file, 'utf8')).records).length, 1);
});

void test(`at most ${MAX_PUBLISH_RECORDS} records: the oldest go first`, async () => {
  const file = join(tmp.dir, 'many.json');
  const many = Object.fromEntries(Array.from({ length: MAX_PUBLISH_RECORDS }, (_, i) => [`k${i}`, record(`d${i}`, 1000 + i)]));
  writeFileSync(file, JSON.stringify({ version: 1, records: many }));
  await new PublishRecords(file).set({ apiBase: 'x', identity: app, filePath: join(tmp.dir, 'new.md') }, record('newest', 5000));
  const kept = JSON.parse(readFileSync(file, 'utf8')).records as Record<string, { documentId: string }>;
  assert.equal(Object.keys(kept).length, MAX_PUBLISH_RECORDS);
  assert.ok(!('k0' in kept), 'the oldest was dropped');
  assert.ok(Object.values(kept).some((r) => r.documentId === 'newest'));
});
