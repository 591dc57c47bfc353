// Resuming multipart uploads, core over real HTTP against the emulator: after a cancel, after the upload id
// expired, with a changed file, with a part's and a finish's answer lost, and two uploads racing for one record.
import { strict as assert } from 'node:assert';
import { statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import {
  FeishuError,
  FileResumeStore,
  openFileSource,
  type KeptUpload,
  type ResumeInfo,
  type StartOverReason,
  type UploadOptions,
  type UploadResult,
} from '../../src/core';
import { startRig, type Rig } from '../helpers/feishu';
import { patternBytes, sha256, tempDir, writeFixture } from '../helpers/fixtures';
import { memorySource } from '../helpers/memorySource';

const MiB = 1024 * 1024;
const BLOCK = 4 * MiB;
/** 6 parts of 4 MiB (the last 2 MiB + 7 bytes): multipart starts above 20 MiB. */
const SIZE = 22 * MiB + 7;
const PARTS = 6;

describe('resuming interrupted multipart uploads (core over the emulator)', () => {
  let rig: Rig;
  const tmp = tempDir();
  let store: FileResumeStore;
  let now = Date.now();
  let folder = '';
  let n = 0;

  before(async () => {
    store = new FileResumeStore(join(tmp.dir, 'state', 'upload-sessions'));
    rig = await startRig({ resumeStore: store, resume: { now: () => now }, retry: { maxRetries: 4, delaysMs: [20, 40], jitter: 0, maxServerWaitMs: 100 } });
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });
  beforeEach(() => {
    rig.emu.reset();
    folder = rig.emu.addFolder();
    now = Date.now();
  });

  /** A fresh file per test, so records of one test never meet another's. */
  const fixture = (): { path: string; bytes: Buffer } => writeFixture(tmp.dir, `big-${++n}.bin`, SIZE, n);

  interface Run {
    result?: UploadResult;
    error?: unknown;
    resumed: ResumeInfo[];
    startOver: StartOverReason[];
    kept: KeptUpload[];
  }

  async function upload(path: string, options: UploadOptions = {}): Promise<Run> {
    const run: Run = { resumed: [], startOver: [], kept: [] };
    const source = await openFileSource(path);
    try {
      run.result = await rig.uploader.upload(source, { kind: 'folder', folderToken: folder }, {
        ...options,
        onResume: (r) => run.resumed.push(r),
        onStartOver: (r) => run.startOver.push(r),
        onKept: (k) => run.kept.push(k),
      });
    } catch (error) {
      run.error = error;
    } finally {
      await source.close();
    }
    return run;
  }

  /** Cancels once Feishu confirmed `parts` parts: right then, before the next part leaves. */
  function cancelAfter(parts: number): UploadOptions {
    const ac = new AbortController();
    return {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.bytesConfirmed >= parts * BLOCK) ac.abort();
      },
    };
  }

  function storedOnce(name: string, bytes: Buffer): void {
    const files = rig.emu.listFiles().filter((f) => f.name === name);
    assert.equal(files.length, 1, `${name} stored exactly once`);
    assert.equal(files[0].sha256, sha256(bytes), 'byte-identical');
  }

  test('after a cancel: the next upload sends only the missing parts, each once', async () => {
    const f = fixture();
    const first = await upload(f.path, cancelAfter(3));
    assert.ok(first.error instanceof FeishuError && first.error.code === 'CANCELLED');
    assert.deepEqual(first.kept.map((k) => [k.confirmedParts, k.parts, k.confirmedBytes]), [[3, PARTS, 3 * BLOCK]]);
    assert.equal((await store.list()).length, 1, 'the record stays');
    assert.equal(rig.emu.stats().calls['drive/v1/files/upload_part'], 3);

    const second = await upload(f.path);
    assert.equal(second.error, undefined);
    assert.deepEqual(second.resumed, [{ fromPart: 4, parts: PARTS, skippedBytes: 3 * BLOCK }]);
    assert.equal(second.result?.resumedFromPart, 4);
    const stats = rig.emu.stats();
    assert.equal(stats.calls['drive/v1/files/upload_prepare'], 1, 'one prepare in all');
    assert.equal(stats.calls['drive/v1/files/upload_part'], PARTS, 'every part sent once');
    assert.equal(stats.uploadBytes.duplicate, 0);
    assert.equal(stats.uploadBytes.stored, SIZE);
    storedOnce(`big-${n}.bin`, f.bytes);
    assert.deepEqual(await store.list(), [], 'done: the record went');
    assert.deepEqual(rig.emu.violations(), []);
  });

  test('a cancel once a part\'s bytes all left waits for its answer: the part is kept, not sent again', async () => {
    const f = fixture();
    rig.emu.setShaping({ bytesPerSecond: 16 * MiB });
    const ac = new AbortController();
    const first = await upload(f.path, {
      signal: ac.signal,
      // The third part fully handed to the socket, its answer not in yet.
      onProgress: (p) => {
        if (p.bytesSent >= 3 * BLOCK && p.bytesConfirmed < 3 * BLOCK) ac.abort();
      },
    });
    rig.emu.setShaping({});
    assert.ok(first.error instanceof FeishuError && first.error.code === 'CANCELLED');
    assert.deepEqual(first.kept.map((k) => k.confirmedParts), [3], 'the part on its way was answered and recorded');
    const second = await upload(f.path);
    assert.equal(second.result?.resumedFromPart, 4);
    assert.equal(rig.emu.stats().uploadBytes.duplicate, 0);
    storedOnce(`big-${n}.bin`, f.bytes);
  });

  test('after 1061021 (the upload id expired on Feishu\'s side): starts over with a new prepare', async () => {
    const f = fixture();
    await upload(f.path, cancelAfter(2));
    rig.emu.expireUploads();
    const second = await upload(f.path);
    assert.equal(second.error, undefined, String(second.error));
    assert.deepEqual(second.resumed.map((r) => r.fromPart), [3], 'it tried to continue');
    assert.deepEqual(second.startOver, ['refused'], 'then started over');
    assert.equal(second.result?.resumedFromPart, 0);
    const stats = rig.emu.stats();
    assert.equal(stats.calls['drive/v1/files/upload_prepare'], 2);
    assert.equal(stats.codes['1061021'], 1, 'one refused part');
    assert.equal(stats.uploadBytes.expired, 2 * BLOCK, 'what the dead upload id held');
    storedOnce(`big-${n}.bin`, f.bytes);
  });

  test('a record too old to finish in the upload id\'s life starts over without touching the old id', async () => {
    const f = fixture();
    await upload(f.path, cancelAfter(2));
    now += 23.5 * 3600_000; // less than the 1 h margin left of 24 h
    const second = await upload(f.path);
    assert.deepEqual(second.startOver, ['expired']);
    assert.deepEqual(second.resumed, []);
    assert.equal(rig.emu.stats().calls['drive/v1/files/upload_part'], 2 + PARTS, 'no part went to the old id');
    storedOnce(`big-${n}.bin`, f.bytes);
  });

  test('a file changed since (same size, same mtime, other first block): starts over and uploads the new bytes', async () => {
    const f = fixture();
    await upload(f.path, cancelAfter(2));
    const { mtime } = statSync(f.path);
    const changed = Buffer.from(f.bytes);
    patternBytes(1024, 99).copy(changed, 0);
    writeFileSync(f.path, changed);
    utimesSync(f.path, mtime, mtime); // a tool that restores the mtime: the first block still tells
    const second = await upload(f.path);
    assert.deepEqual(second.startOver, ['changed']);
    assert.equal(second.result?.resumedFromPart, 0);
    storedOnce(`big-${n}.bin`, changed);
  });

  test('a part whose answer was lost is sent again (once)', async () => {
    const f = fixture();
    rig.emu.injectFault({ kind: 'dropAnswer', endpoint: 'upload_part', after: 2 });
    const run = await upload(f.path);
    assert.equal(run.error, undefined, String(run.error));
    const stats = rig.emu.stats();
    assert.equal(stats.faults.dropAnswer, 1);
    assert.equal(stats.uploadBytes.answerDropped, BLOCK);
    assert.equal(stats.uploadBytes.duplicate, BLOCK, 'that part, and only it, twice');
    storedOnce(`big-${n}.bin`, f.bytes);
  });

  test('a finish whose answer was lost: found in the folder, reported, not stored twice', async () => {
    const f = fixture();
    rig.emu.injectFault({ kind: 'dropAnswer', endpoint: 'upload_finish' });
    const run = await upload(f.path);
    assert.equal(run.error, undefined, String(run.error));
    assert.equal(run.result?.recovered, true);
    const stored = rig.emu.listFiles().filter((x) => x.name === `big-${n}.bin`);
    assert.equal(run.result?.fileToken, stored[0]?.fileToken);
    storedOnce(`big-${n}.bin`, f.bytes);
    assert.equal(rig.emu.stats().calls['drive/v1/files'] ?? 0, 1, 'one listing');
    assert.deepEqual(await store.list(), []);
  });

  test('a finish whose answer was lost and a run that gave up: the next run finds the file and sends nothing', async () => {
    const f = fixture();
    // Every retry of the finish is cut too: the run ends with a network error, its record kept.
    rig.emu.injectFault({ kind: 'dropAnswer', endpoint: 'upload_finish' });
    rig.emu.injectFault({ kind: 'reset', endpoint: 'upload_finish', count: 10 });
    const first = await upload(f.path);
    assert.ok(first.error instanceof FeishuError && first.error.code === 'NETWORK', String(first.error));
    assert.equal(first.kept.length, 1, 'kept for the next run');
    rig.emu.clearFaults();
    const callsBefore = { ...rig.emu.stats().calls };
    const second = await upload(f.path);
    assert.equal(second.result?.recovered, true);
    assert.equal(second.result?.resumedFromPart, PARTS + 1);
    const calls = rig.emu.stats().calls;
    for (const endpoint of ['drive/v1/files/upload_prepare', 'drive/v1/files/upload_part', 'drive/v1/files/upload_finish']) {
      assert.equal(calls[endpoint], callsBefore[endpoint], `no ${endpoint} in the second run`);
    }
    storedOnce(`big-${n}.bin`, f.bytes);
  });

  test('upload_all whose answer was lost: found in the folder, in this run and in the next; a cut-off body leaves no record', async () => {
    const small = writeFixture(tmp.dir, `small-${++n}.bin`, 3 * MiB, n);
    rig.emu.injectFault({ kind: 'dropAnswer', endpoint: 'upload_all' });
    const same = await upload(small.path);
    assert.equal(same.result?.recovered, true, String(same.error));
    storedOnce(`small-${n}.bin`, small.bytes);

    const next = writeFixture(tmp.dir, `small-${++n}.bin`, 3 * MiB, n);
    // The answer lost, and the network gone before the folder could be looked at: the run ends, its record kept.
    rig.emu.injectFault({ kind: 'dropAnswer', endpoint: 'upload_all' });
    rig.emu.injectFault({ kind: 'reset', endpoint: 'drive/v1/files', method: 'GET', count: 20 });
    const gaveUp = await upload(next.path);
    assert.ok(gaveUp.error instanceof FeishuError && gaveUp.error.code === 'NETWORK', String(gaveUp.error));
    rig.emu.clearFaults();
    const records = await store.list();
    assert.deepEqual(records.map((r) => [r.method, r.uploadId, r.name]), [['all', '', `small-${n}.bin`]]);
    const allCalls = rig.emu.stats().calls['drive/v1/files/upload_all'];
    const again = await upload(next.path);
    assert.equal(again.result?.recovered, true);
    assert.equal(rig.emu.stats().calls['drive/v1/files/upload_all'], allCalls, 'not sent again');
    storedOnce(`small-${n}.bin`, next.bytes);
    assert.deepEqual(await store.list(), []);

    // Cut early in the body, every time; 18 MiB at 16 MiB/s cannot all sit in socket buffers by then.
    const cut = writeFixture(tmp.dir, `small-${++n}.bin`, 18 * MiB, n);
    rig.emu.setShaping({ bytesPerSecond: 16 * MiB });
    rig.emu.injectFault({ kind: 'reset', endpoint: 'upload_all', afterBytes: MiB, count: 10 });
    const failed = await upload(cut.path);
    assert.ok(failed.error instanceof FeishuError && failed.error.code === 'NETWORK');
    rig.emu.clearFaults();
    rig.emu.setShaping({});
    assert.deepEqual(await store.list(), [], 'a body that never arrived whole cannot have been stored: nothing to look for');
  });

  test('two uploads of one file to one folder at once: one runs, the other is told, nothing is stored twice', async () => {
    const f = fixture();
    rig.emu.setShaping({ bytesPerSecond: 16 * MiB });
    try {
      const [a, b] = await Promise.all([upload(f.path), upload(f.path)]);
      const failed = [a, b].filter((r) => r.error);
      assert.equal(failed.length, 1);
      const e = failed[0].error;
      assert.ok(e instanceof FeishuError && e.code === 'UPLOAD_IN_PROGRESS', String(e));
      assert.match(e.message, /^This file is already being uploaded to the same place by another window or process\. "big-\d+\.bin", held by process \d+ on .+\. \(UPLOAD_IN_PROGRESS\)$/);
      storedOnce(`big-${n}.bin`, f.bytes);
    } finally {
      rig.emu.setShaping({});
    }
  });

  test('bytes without a file on disk (no path) are uploaded without a record', async () => {
    const bytes = patternBytes(SIZE, 5);
    const saves: unknown[] = [];
    const save = store.save.bind(store);
    store.save = async (r) => {
      saves.push(r);
      return save(r);
    };
    try {
      const result = await rig.uploader.upload(memorySource('mem.bin', bytes), { kind: 'folder', folderToken: folder });
      assert.equal(result.resumedFromPart, 0);
      assert.deepEqual(saves, []);
      storedOnce('mem.bin', bytes);
    } finally {
      store.save = save;
    }
  });
});
