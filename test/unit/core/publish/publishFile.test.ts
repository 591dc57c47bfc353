import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, test } from 'node:test';
import {
  choosePublishTarget,
  FeishuError,
  publishAndRemember,
  PublishRecords,
  type PublishContext,
  type Publisher,
  type PublishInput,
  type PublishResult,
  type ResolvedDocument,
} from '../../../../src/core';
import { publishNote } from '../../../../src/core/publish/publishMessages';
import { tempDir } from '../../../helpers/fixtures';

const tmp = tempDir();
after(() => tmp.dispose());

/** A Publisher stand-in: checkDocument answers from `documents`; publish runs `behave`. */
function fakePublisher(documents: Record<string, ResolvedDocument>, behave: (input: PublishInput) => Promise<PublishResult>): Publisher {
  return {
    checkDocument: async (ref: { kind: string; documentId?: string }) => {
      const found = ref.documentId === undefined ? undefined : documents[ref.documentId];
      if (!found) throw new FeishuError({ code: 'DOCUMENT_UNAVAILABLE', detail: String(ref.documentId) });
      return found;
    },
    publish: behave,
  } as unknown as Publisher;
}

function result(documentId: string, updated: boolean): PublishResult {
  return { documentId, title: 'T', url: `https://x/docx/${documentId}`, blocks: 1, images: 0, calls: 1, warnings: [], updated, ms: 1 };
}

function context(publisher: Publisher, name: string, problems: string[] = []): PublishContext {
  return {
    publisher,
    records: new PublishRecords(join(tmp.dir, `${name}.json`)),
    key: { apiBase: 'x', identity: { kind: 'app', id: 'a' }, filePath: join(tmp.dir, `${name}.md`) },
    onRecordProblem: (m) => problems.push(m),
    now: () => 42,
  };
}

void test('the target: the document named, else the remembered one (checked), else new; --new skips the record', async () => {
  const doc: ResolvedDocument = { documentId: 'd1', title: 'Doc one', link: 'https://x/docx/d1' };
  const ctx = context(fakePublisher({ d1: doc }, async () => result('d1', false)), 'target');
  assert.deepEqual(await choosePublishTarget(ctx, {}), { kind: 'new' });
  await ctx.records.set(ctx.key, { documentId: 'd1', title: 'Doc one', url: 'https://x/docx/d1', publishedAt: 1 });
  assert.deepEqual(await choosePublishTarget(ctx, {}), { kind: 'update', document: doc, remembered: true });
  assert.deepEqual(await choosePublishTarget(ctx, { newDocument: true }), { kind: 'new' });
  assert.deepEqual(await choosePublishTarget(ctx, { document: { kind: 'docx', documentId: 'd1' } }), { kind: 'update', document: doc, remembered: false });
  await ctx.records.set(ctx.key, { documentId: 'gone', title: 'Gone', url: 'u', publishedAt: 2 });
  await assert.rejects(choosePublishTarget(ctx, {}), (e: unknown) => e instanceof FeishuError && e.code === 'DOCUMENT_UNAVAILABLE');
});

void test('remembered as soon as a new document exists, and again when done', async () => {
  const seen: unknown[] = [];
  const holder: { ctx?: PublishContext } = {};
  const publisher = fakePublisher({}, async (input) => {
    await input.onCreated?.({ documentId: 'n1', title: 'New', url: 'https://x/docx/n1' });
    seen.push(await holder.ctx!.records.get(holder.ctx!.key));
    return result('n1', false);
  });
  const ctx = (holder.ctx = context(publisher, 'created'));
  await publishAndRemember(ctx, { markdown: '', filePath: ctx.key.filePath, target: { kind: 'new' } });
  assert.deepEqual(seen, [{ documentId: 'n1', title: 'New', url: 'https://x/docx/n1', publishedAt: 42 }], 'during the publish');
  assert.deepEqual(await ctx.records.get(ctx.key), { documentId: 'n1', title: 'T', url: 'https://x/docx/n1', publishedAt: 42 });
});

void test('a new document deleted after a failure is forgotten: the earlier record comes back; one left behind stays remembered', async () => {
  const failing = (note: ReturnType<typeof publishNote>) =>
    fakePublisher({}, async (input) => {
      await input.onCreated?.({ documentId: 'n2', title: 'New', url: 'https://x/docx/n2' });
      throw new FeishuError({ code: 1770025, note });
    });
  const deleted = context(failing(publishNote('newDocumentDeleted')), 'deleted');
  await deleted.records.set(deleted.key, { documentId: 'old', title: 'Old', url: 'https://x/docx/old', publishedAt: 1 });
  await assert.rejects(publishAndRemember(deleted, { markdown: '', filePath: deleted.key.filePath, target: { kind: 'new' } }));
  assert.equal((await deleted.records.get(deleted.key))?.documentId, 'old');

  const fresh = context(failing(publishNote('newDocumentDeleted')), 'fresh');
  await assert.rejects(publishAndRemember(fresh, { markdown: '', filePath: fresh.key.filePath, target: { kind: 'new' } }));
  assert.equal(await fresh.records.get(fresh.key), undefined);

  const left = context(failing(publishNote('newDocumentLeft', 'https://x/docx/n2')), 'left');
  await assert.rejects(publishAndRemember(left, { markdown: '', filePath: left.key.filePath, target: { kind: 'new' } }));
  assert.equal((await left.records.get(left.key))?.documentId, 'n2', 'the next publish replaces its content');
});

void test('a record that cannot be written is reported, and the publish still succeeds', async () => {
  const problems: string[] = [];
  const ctx = context(fakePublisher({}, async () => result('n3', false)), 'unwritable', problems);
  ctx.records = new PublishRecords(join(tmp.dir, 'no-such-dir-file', '\0bad'));
  const done = await publishAndRemember(ctx, { markdown: '', filePath: ctx.key.filePath, target: { kind: 'new' } });
  assert.equal(done.documentId, 'n3');
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^Could not write .*: /);
});
