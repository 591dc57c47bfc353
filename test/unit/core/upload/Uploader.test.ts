import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { FeishuError, MemoryResumeStore, ResumeTracker, sessionKey, Uploader, type DriveItem, type FeishuClient, type FolderPages } from '../../../../src/core';
import { memorySource } from '../../../helpers/memorySource';

/** A client whose root folder lookup answers only when the test says so; upload_all answers at once. */
function fakeClient() {
  let answerRoot!: (meta: { token: string }) => void;
  const calls: string[] = [];
  const client = {
    serverNow: () => undefined,
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

/**
 * A multipart Feishu in memory, scripted per test: prepare hands out ids, parts are kept per id, finish makes
 * a file in the folder listing. `finishAnswer` can lose finish answers (the file is made, the caller sees a
 * network error); `listError` makes the listing fail.
 */
function fakeMultipart(options: { blockSize?: number; listError?: FeishuError; finishAnswer?: 'lost' } = {}) {
  const blockSize = options.blockSize ?? 8;
  const sessions = new Map<string, { size: number; parts: Set<number>; name: string }>();
  const listing: DriveItem[] = [];
  const log: string[] = [];
  let ids = 0;
  let now = 1_800_000_000_000;
  const client = {
    serverNow: () => now,
    uploadPrepare: async (_api: string, body: { file_name: string; size: number }) => {
      const id = `u${++ids}`;
      sessions.set(id, { size: body.size, parts: new Set(), name: body.file_name });
      log.push(`prepare ${id}`);
      return { upload_id: id, block_size: blockSize, block_num: Math.ceil(body.size / blockSize), answeredAt: now };
    },
    uploadPart: async (_api: string, form: () => unknown) => {
      const { upload_id: id, seq: seqText } = formFields(form());
      const seq = Number(seqText);
      const s = sessions.get(id);
      if (!s) throw new FeishuError({ code: 1061002, endpoint: 'drive/v1/files/upload_part' });
      s.parts.add(seq);
      log.push(`part ${id}/${seq}`);
    },
    uploadFinish: async (_api: string, id: string) => {
      const s = sessions.get(id);
      if (!s) throw new FeishuError({ code: 1061002, endpoint: 'drive/v1/files/upload_finish' });
      sessions.delete(id);
      const token = `box${id}`;
      listing.push({ token, name: s.name, type: 'file', createdTime: Math.floor(now / 1000) * 1000 });
      log.push(`finish ${id}`);
      if (options.finishAnswer === 'lost') throw new FeishuError({ code: 'NETWORK', endpoint: 'drive/v1/files/upload_finish', detail: '(ECONNRESET)' });
      return { file_token: token };
    },
  } as unknown as FeishuClient;
  // The folder listing the lost-finish check reads (DriveApi.listPage), newest first as it asks.
  const drive: FolderPages = {
    listPage: async (_folder, _page, _signal, order) => {
      log.push('list');
      if (options.listError) throw options.listError;
      assert.deepEqual(order, { orderBy: 'CreatedTime', direction: 'DESC' });
      return { items: [...listing].sort((a, b) => (b.createdTime ?? 0) - (a.createdTime ?? 0)) };
    },
  };
  return { client, drive, log, listing, sessions, advance: (ms: number) => (now += ms), now: () => now };
}

/** The text fields of a form-data body (its file part is a stream, left unread). */
function formFields(form: unknown): Record<string, string> {
  const parts = (form as { _streams: unknown[] })._streams;
  const fields: Record<string, string> = {};
  parts.forEach((part, i) => {
    const name = typeof part === 'string' ? /name="(\w+)"/.exec(part)?.[1] : undefined;
    const value = parts[i + 1];
    if (name && typeof value === 'string') fields[name] = value;
  });
  return fields;
}

const fastRetry = { maxRetries: 1, delaysMs: [1], jitter: 0, maxServerWaitMs: 1 };
const folder = { kind: 'folder', folderToken: 'fldA' } as const;
const onDisk = (size: number) => ({ ...memorySource('big.bin', Buffer.alloc(size, 1)), path: '/w/big.bin', mtimeMs: 1 });
// Multipart starts above 20 MiB; the fake's blocks are 8 MiB.
const BIG = 20 * 1024 * 1024 + 1;

void test('a lost finish answer: the file found in the folder is reported, nothing is uploaded again', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024, finishAnswer: 'lost' });
  const store = new MemoryResumeStore();
  const uploader = new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume: { store, identity: { kind: 'app', id: 'a' }, now: fake.now } });
  // An older file of the same name in the folder must not be taken for this upload.
  fake.listing.push({ token: 'boxOld', name: 'big.bin', type: 'file', createdTime: (Math.floor(fake.now() / 1000) - 3600) * 1000 });
  const result = await uploader.upload(onDisk(BIG), folder);
  assert.equal(result.fileToken, 'boxu1');
  assert.equal(result.recovered, true);
  assert.deepEqual(fake.log, ['prepare u1', 'part u1/0', 'part u1/1', 'part u1/2', 'finish u1', 'list']);
  assert.deepEqual(await store.list(), [], 'the record went');
});

void test('a lost finish answer and a folder that cannot be listed: FINISH_UNCONFIRMED, with what to do', async () => {
  const scope = new FeishuError({ code: 99991672, endpoint: 'drive/v1/files', httpStatus: 400, logId: 'L1' });
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024, finishAnswer: 'lost', listError: scope });
  const uploader = new Uploader(fake.client, { drive: fake.drive, retry: fastRetry });
  await assert.rejects(uploader.upload(onDisk(BIG), folder), (e: unknown) => {
    assert.ok(e instanceof FeishuError);
    assert.equal(e.code, 'FINISH_UNCONFIRMED');
    assert.equal(
      e.message,
      'The answer to the last step of this upload was lost, and the folder could not be checked for the file. "big.bin": listing the folder failed: The app has not enabled a scope this API needs. (code 99991672, drive/v1/files, HTTP 400, log id L1); the finish was answered: Feishu rejected the request parameters. (code 1061002, drive/v1/files/upload_finish) (FINISH_UNCONFIRMED)',
    );
    assert.equal(e.hint, 'Look in the Feishu folder before uploading it again: the file may be there already.');
    return true;
  });
  assert.deepEqual(fake.log, ['prepare u1', 'part u1/0', 'part u1/1', 'part u1/2', 'finish u1', 'list']);
});

void test('a lost finish answer and no folder listing to look in: FINISH_UNCONFIRMED, with what to do', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024, finishAnswer: 'lost' });
  const uploader = new Uploader(fake.client, { retry: fastRetry });
  await assert.rejects(uploader.upload(onDisk(BIG), folder), (e: unknown) => {
    assert.ok(e instanceof FeishuError);
    assert.equal(
      e.message,
      'The answer to the last step of this upload was lost, and the folder could not be checked for the file. "big.bin": no folder listing to look in; the finish was answered: Feishu rejected the request parameters. (code 1061002, drive/v1/files/upload_finish) (FINISH_UNCONFIRMED)',
    );
    assert.equal(e.hint, 'Look in the Feishu folder before uploading it again: the file may be there already.');
    return true;
  });
  assert.deepEqual(fake.log, ['prepare u1', 'part u1/0', 'part u1/1', 'part u1/2', 'finish u1']);
});

void test('a run killed after finish left: the next run looks in the folder first and sends nothing', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024 });
  const store = new MemoryResumeStore();
  const resume = { store, identity: { kind: 'app', id: 'a' } as const, now: fake.now };
  // What a run killed right after sending upload_finish leaves behind.
  const first = await new ResumeTracker(resume).open(onDisk(BIG), { api: 'files', parentType: 'explorer', parentNode: 'fldA' }, 'auto');
  const prepared = await fake.client.uploadPrepare('files', { file_name: 'big.bin', parent_type: 'explorer', parent_node: 'fldA', size: BIG });
  await first!.prepared(prepared.upload_id, prepared.block_size, prepared.block_num, prepared.answeredAt);
  for (const seq of [0, 1, 2]) await first!.confirmed(seq);
  await first!.finishing();
  await first!.release();
  fake.sessions.get('u1')!.parts = new Set([0, 1, 2]);
  await fake.client.uploadFinish('files', 'u1', 3);
  fake.log.length = 0;
  fake.advance(60_000);

  const result = await new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume }).upload(onDisk(BIG), folder);
  assert.deepEqual(result, { ...result, fileToken: 'boxu1', recovered: true, resumedFromPart: 4 });
  assert.deepEqual(fake.log, ['list']);
  assert.deepEqual(await store.list(), []);
});

void test('a resumed upload skips the confirmed parts and reports progress from where it was', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024 });
  const store = new MemoryResumeStore();
  const resume = { store, identity: { kind: 'app', id: 'a' } as const, now: fake.now };
  const cancel = new AbortController();
  const kept: unknown[] = [];
  const first = new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume }).upload(onDisk(BIG), folder, {
    signal: cancel.signal,
    onProgress: (p) => {
      if (p.bytesConfirmed >= 8 * 1024 * 1024) cancel.abort();
    },
    onKept: (k) => kept.push(k),
  });
  await assert.rejects(first, (e: unknown) => e instanceof FeishuError && e.code === 'CANCELLED');
  assert.deepEqual(kept, [{ name: 'big.bin', confirmedParts: 1, parts: 3, confirmedBytes: 8 * 1024 * 1024, totalBytes: BIG, resumableUntil: fake.now() + 24 * 3600_000 }]);
  fake.log.length = 0;
  const progress: number[] = [];
  const resumed: unknown[] = [];
  const result = await new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume }).upload(onDisk(BIG), folder, {
    onProgress: (p) => progress.push(p.bytesSent),
    onResume: (r) => resumed.push(r),
  });
  assert.deepEqual(fake.log, ['part u1/1', 'part u1/2', 'finish u1']);
  assert.equal(result.resumedFromPart, 2);
  assert.deepEqual(resumed, [{ fromPart: 2, parts: 3, skippedBytes: 8 * 1024 * 1024 }]);
  assert.equal(progress[0], 8 * 1024 * 1024, 'progress starts at what Feishu already holds');
  assert.equal(progress.at(-1), BIG);
});

void test('a permanent failure drops the record; the next run starts over', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024 });
  const store = new MemoryResumeStore();
  const uploader = new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume: { store, identity: { kind: 'app', id: 'a' } } });
  const realPart = fake.client.uploadPart.bind(fake.client);
  let calls = 0;
  (fake.client as unknown as { uploadPart: unknown }).uploadPart = async (...args: Parameters<FeishuClient['uploadPart']>) => {
    if (++calls === 2) throw new FeishuError({ code: 1061004, httpStatus: 403, endpoint: 'drive/v1/files/upload_part' });
    return realPart(...args);
  };
  const kept: unknown[] = [];
  await assert.rejects(uploader.upload(onDisk(BIG), folder, { onKept: (k) => kept.push(k) }), (e: unknown) => e instanceof FeishuError && e.code === 1061004);
  assert.deepEqual(kept, [], 'nothing claimed to be kept');
  assert.deepEqual(await store.list(), []);
});

void test('a small file whose record another process holds goes up without one (upload_all has nothing to continue); a large one is refused', async () => {
  const fake = fakeClient();
  const store = new MemoryResumeStore();
  const identity = { kind: 'app', id: 'a' } as const;
  const uploader = new Uploader(fake.client, { retry: fastRetry, resume: { store, identity } });
  const small = onDisk(5);
  const held = await store.lock(sessionKey(identity, { api: 'files', parentType: 'explorer', parentNode: 'fldA' }, small.path, small.name));
  assert.ok(held.ok);
  const result = await uploader.upload(small, folder);
  assert.equal(result.fileToken, 'boxcnUploaded');
  assert.deepEqual(fake.calls, ['upload_all']);
  assert.deepEqual(await store.list(), [], 'no record of its own');
  assert.ok(store.isLocked(sessionKey(identity, { api: 'files', parentType: 'explorer', parentNode: 'fldA' }, small.path, small.name)), "the other's lock stays");
  await assert.rejects(
    new Uploader(fakeMultipart().client, { retry: fastRetry, resume: { store, identity } }).upload(onDisk(BIG), folder),
    (e: unknown) => e instanceof FeishuError && e.code === 'UPLOAD_IN_PROGRESS',
  );
  await held.lock.release();
});

void test('untilReported: the record stays, naming the stored file, until the caller reported it', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024 });
  const store = new MemoryResumeStore();
  const uploader = new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume: { store, identity: { kind: 'app', id: 'a' }, now: fake.now } });
  const result = await uploader.upload(onDisk(BIG), folder, { untilReported: true });
  assert.deepEqual((await store.list()).map((r) => r.fileToken), ['boxu1']);
  await uploader.reported('boxOther');
  assert.equal((await store.list()).length, 1, 'another token leaves it');
  await uploader.reported(result.fileToken);
  assert.deepEqual(await store.list(), []);
});

void test('a run stopped between storing and reporting: the next run reports that file after one listing and sends nothing', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024 });
  const store = new MemoryResumeStore();
  const resume = { store, identity: { kind: 'app', id: 'a' } as const, now: fake.now };
  await new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume }).upload(onDisk(BIG), folder, { untilReported: true });
  // A newer file of the same name (another upload meanwhile) is not taken for it: the token decides.
  fake.advance(5_000);
  fake.listing.push({ token: 'boxNewer', name: 'big.bin', type: 'file', createdTime: fake.now() });
  fake.log.length = 0;
  const next = new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume });
  const result = await next.upload(onDisk(BIG), folder, { untilReported: true });
  assert.deepEqual({ token: result.fileToken, recovered: result.recovered }, { token: 'boxu1', recovered: true });
  assert.deepEqual(fake.log, ['list']);
  await next.reported(result.fileToken);
  assert.deepEqual(await store.list(), []);
});

void test('a stored file deleted before the next run: that run uploads it anew, from prepare', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024 });
  const store = new MemoryResumeStore();
  const resume = { store, identity: { kind: 'app', id: 'a' } as const, now: fake.now };
  await new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume }).upload(onDisk(BIG), folder, { untilReported: true });
  fake.listing.length = 0;
  fake.log.length = 0;
  const result = await new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume }).upload(onDisk(BIG), folder);
  assert.deepEqual({ token: result.fileToken, recovered: result.recovered, resumedFromPart: result.resumedFromPart }, { token: 'boxu2', recovered: false, resumedFromPart: 0 });
  assert.deepEqual(fake.log, ['list', 'prepare u2', 'part u2/0', 'part u2/1', 'part u2/2', 'finish u2']);
  assert.deepEqual(await store.list(), []);
});

void test('a small file stopped before its report: the next run finds it by its token, no second upload_all', async () => {
  const fake = fakeClient();
  const store = new MemoryResumeStore();
  const resume = { store, identity: { kind: 'app', id: 'a' } as const };
  const listing: DriveItem[] = [];
  const drive: FolderPages = { listPage: async () => ({ items: listing }) };
  const first = await new Uploader(fake.client, { drive, retry: fastRetry, resume }).upload(onDisk(5), folder, { untilReported: true });
  listing.push({ token: first.fileToken, name: 'big.bin', type: 'file', createdTime: Date.now() });
  const again = await new Uploader(fake.client, { drive, retry: fastRetry, resume }).upload(onDisk(5), folder);
  assert.deepEqual({ token: again.fileToken, recovered: again.recovered }, { token: 'boxcnUploaded', recovered: true });
  assert.deepEqual(fake.calls, ['upload_all']);
  assert.deepEqual(await store.list(), [], 'reported at once without untilReported: the record went');
});

void test('media stopped before the report: no folder to look in, the recorded token is the answer', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024 });
  const store = new MemoryResumeStore();
  const resume = { store, identity: { kind: 'app', id: 'a' } as const, now: fake.now };
  const media = { kind: 'media', parentType: 'docx_file', parentNode: 'doxA' } as const;
  await new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume }).upload(onDisk(BIG), media, { untilReported: true });
  fake.log.length = 0;
  const result = await new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume }).upload(onDisk(BIG), media);
  assert.deepEqual({ token: result.fileToken, recovered: result.recovered }, { token: 'boxu1', recovered: true });
  assert.deepEqual(fake.log, [], 'nothing called');
});

void test('an upload that worked is not failed by its record: a lock taken over before the mark, a record that cannot be removed after the report, each a warning', async () => {
  const fake = fakeMultipart({ blockSize: 8 * 1024 * 1024 });
  const warnings: string[] = [];
  // The lock is lost (taken over as stale) once the finish has gone: marking the record stored is refused.
  class LostLockStore extends MemoryResumeStore {
    override async lock(key: string) {
      const attempt = await super.lock(key);
      if (!attempt.ok) return attempt;
      return {
        ok: true as const,
        lock: { ...attempt.lock, check: async () => (fake.log.some((l) => l.startsWith('finish')) ? Promise.reject(new FeishuError({ code: 'UPLOAD_IN_PROGRESS', detail: 'taken over' })) : undefined) },
      };
    }
  }
  const lost = new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume: { store: new LostLockStore(), identity: { kind: 'app', id: 'a' }, now: fake.now, onWarning: (w) => warnings.push(w) } });
  const result = await lost.upload(onDisk(BIG), folder, { untilReported: true });
  assert.equal(result.fileToken, 'boxu1');
  assert.match(warnings[0], /^Could not update the resume record of big\.bin: .*UPLOAD_IN_PROGRESS/);

  class StuckStore extends MemoryResumeStore {
    override async remove(): Promise<void> {
      throw new Error('EACCES: permission denied');
    }
  }
  const stuck = new Uploader(fake.client, { drive: fake.drive, retry: fastRetry, resume: { store: new StuckStore(), identity: { kind: 'app', id: 'a' }, now: fake.now, onWarning: (w) => warnings.push(w) } });
  const second = await stuck.upload({ ...onDisk(BIG), path: '/w/other/big.bin' }, folder, { untilReported: true });
  await stuck.reported(second.fileToken);
  assert.equal(warnings[1], 'Could not remove the resume record of big.bin: Error: EACCES: permission denied');
});
