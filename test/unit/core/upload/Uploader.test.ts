import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, Uploader, type FeishuClient } from '../../../../src/core';
import { memorySource } from '../../../helpers/memorySource';

/** A client whose root folder lookup answers only when the test says so; upload_all answers at once. */
function fakeClient() {
  let answerRoot!: (meta: { token: string }) => void;
  const calls: string[] = [];
  const client = {
    rootFolderMeta: (signal?: AbortSignal) => {
      calls.push(`root (signal: ${signal ? 'yes' : 'no'})`);
      return new Promise<{ token: string }>((resolve) => (answerRoot = resolve));
    },
    uploadAll: async (_api: string, form: () => { getBuffer?: unknown }) => {
      form();
      calls.push('upload_all');
      return { file_token: 'boxcnUploaded' };
    },
  } as unknown as FeishuClient;
  return { client, calls, answerRoot: (token: string) => answerRoot({ token }) };
}

void test('cancelling one upload while the shared root folder lookup runs does not fail another waiting on it', async () => {
  const fake = fakeClient();
  const uploader = new Uploader(fake.client);
  const cancelled = new AbortController();
  const first = uploader.upload(memorySource('a.txt', Buffer.from('first')), { kind: 'folder' }, { signal: cancelled.signal });
  const second = uploader.upload(memorySource('b.txt', Buffer.from('second')), { kind: 'folder' });
  await new Promise((r) => setImmediate(r));
  cancelled.abort();
  await assert.rejects(first, (e: unknown) => e instanceof FeishuError && e.code === 'CANCELLED');
  fake.answerRoot('fldcnRoot');
  const result = await second;
  assert.equal(result.fileToken, 'boxcnUploaded');
  assert.deepEqual(fake.calls, ['root (signal: no)', 'upload_all'], 'one lookup, carrying no caller\'s signal; only the second file was sent');
});

void test('the root folder is looked up once for every upload of an uploader', async () => {
  const fake = fakeClient();
  const uploader = new Uploader(fake.client);
  const a = uploader.upload(memorySource('a.txt', Buffer.from('a')), { kind: 'folder' });
  await new Promise((r) => setImmediate(r));
  fake.answerRoot('fldcnRoot');
  await a;
  await uploader.upload(memorySource('b.txt', Buffer.from('b')), { kind: 'folder' });
  assert.deepEqual(fake.calls, ['root (signal: no)', 'upload_all', 'upload_all']);
});
