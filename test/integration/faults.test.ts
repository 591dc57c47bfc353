import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { truncateSync } from 'node:fs';
import { createEngines, FeishuError, openFileSource, type Uploader, type UploadTarget } from '../../src/core';
import type { Fault } from '../../src/emulator';
import { startRig, type Rig } from '../helpers/feishu';
import { tempDir, writeFixture } from '../helpers/fixtures';

const MiB = 1024 * 1024;
// 8 MiB blocks keep multipart runs to 3 parts (20 MiB + 1 byte): the faults matter, not the volume.
const EMULATOR = { blockSize: 8 * MiB };

describe('every fault kind: the upload still completes byte-identical', () => {
  let rig: Rig;
  const tmp = tempDir();
  const big = writeFixture(tmp.dir, 'big.bin', 20 * MiB + 1);
  const small = writeFixture(tmp.dir, 'small.bin', 3 * MiB);
  before(async () => {
    rig = await startRig({ emulator: EMULATOR, idleTimeoutMs: 1500 });
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  const cases: [string, Fault, 'big' | 'small', UploadTarget['kind']][] = [
    ['connection reset mid-part', { kind: 'reset', endpoint: 'upload_part', after: 1 }, 'big', 'folder'],
    ['connection reset mid-body on upload_all', { kind: 'reset', endpoint: 'upload_all' }, 'small', 'media'],
    ['HTTP 500 on a part', { kind: 'http500', endpoint: 'upload_part', after: 2 }, 'big', 'media'],
    ['HTTP 500 on upload_all', { kind: 'http500', endpoint: 'upload_all' }, 'small', 'folder'],
    ['1061045 twice on parts', { kind: 'code', code: 1061045, endpoint: 'upload_part', count: 2 }, 'big', 'folder'],
    ['1061001 on finish', { kind: 'code', code: 1061001, endpoint: 'upload_finish' }, 'big', 'folder'],
    ['1061006 on prepare', { kind: 'code', code: 1061006, endpoint: 'upload_prepare' }, 'big', 'media'],
    ['99991400 with x-ogw-ratelimit-reset', { kind: 'rateLimit', resetSeconds: 1, endpoint: 'upload_part', after: 1 }, 'big', 'folder'],
    ['tenant token expiry mid-upload', { kind: 'tokenExpired', endpoint: 'upload_part', after: 1 }, 'big', 'folder'],
    ['tenant token expiry again right after renewal', { kind: 'tokenExpired', endpoint: 'upload_part', after: 1, count: 2 }, 'big', 'folder'],
    ['upload id expiry (restart from prepare)', { kind: 'uploadIdExpired', endpoint: 'upload_part', after: 1 }, 'big', 'media'],
    ['a stalled answer (idle timeout, then retry)', { kind: 'stall', endpoint: 'upload_part', after: 1 }, 'big', 'folder'],
  ];

  for (const [label, fault, which, kind] of cases) {
    test(label, async () => {
      const fixture = which === 'big' ? big : small;
      const target: UploadTarget =
        kind === 'folder' ? { kind: 'folder', folderToken: rig.emu.addFolder() } : { kind: 'media', parentType: 'docx_image', parentNode: rig.emu.addMediaParent() };
      const firedBefore = rig.emu.stats().faults[fault.kind] ?? 0;
      rig.emu.injectFault(fault);
      const source = await openFileSource(fixture.path);
      const result = await rig.uploader.upload(source, target).finally(() => source.close());
      rig.emu.clearFaults();
      assert.equal((rig.emu.stats().faults[fault.kind] ?? 0) - firedBefore, fault.count ?? 1, 'the fault fired');
      assert.ok(rig.emu.getFile(result.fileToken)?.bytes?.equals(fixture.bytes), 'bytes identical');
    });
  }

  test('a fatal error mid-upload is reported as such and nothing is stored', async () => {
    const filesBefore = rig.emu.listFiles().length;
    rig.emu.injectFault({ kind: 'code', code: 1061004, status: 403, endpoint: 'upload_part', after: 1 });
    const source = await openFileSource(big.path);
    await assert.rejects(
      rig.uploader.upload(source, { kind: 'folder' }).finally(() => source.close()),
      (e: unknown) =>
        e instanceof FeishuError &&
        e.code === 1061004 &&
        e.category === 'permission' &&
        /No permission to upload to this folder or document\..*code 1061004, drive\/v1\/files\/upload_part, HTTP 403, log id /.test(e.message) &&
        /share the folder or document with a group that contains the app's bot/.test(e.hint),
    );
    rig.emu.clearFaults();
    assert.equal(rig.emu.listFiles().length, filesBefore);
  });

  test('a token refused three times in a row is reported, not renewed for ever', async () => {
    const tokensBefore = rig.emu.stats().calls['auth/v3/tenant_access_token/internal'] ?? 0;
    rig.emu.injectFault({ kind: 'tokenExpired', endpoint: 'upload_part', count: 3 });
    const source = await openFileSource(big.path);
    await assert.rejects(
      rig.uploader.upload(source, { kind: 'folder' }).finally(() => source.close()),
      (e: unknown) =>
        e instanceof FeishuError &&
        e.code === 99991663 &&
        e.category === 'auth' &&
        /^The tenant access token is invalid or expired\./.test(e.message) &&
        /Set the App ID and App Secret again/.test(e.hint),
    );
    rig.emu.clearFaults();
    assert.equal((rig.emu.stats().calls['auth/v3/tenant_access_token/internal'] ?? 0) - tokensBefore, 2, 'two renewals, then the error');
  });

  test('cancel stops within one part, rejects as cancelled, stores nothing', async () => {
    const filesBefore = rig.emu.listFiles().length;
    const finishesBefore = rig.emu.stats().calls['drive/v1/files/upload_finish'] ?? 0;
    const ac = new AbortController();
    let partsSeenAtAbort = 0;
    const source = await openFileSource(big.path);
    const started = performance.now();
    const upload = rig.uploader.upload(source, { kind: 'folder' }, {
      signal: ac.signal,
      onProgress: (p) => {
        if (p.part === 2 && !ac.signal.aborted) {
          partsSeenAtAbort = p.part;
          ac.abort();
        }
      },
    });
    await assert.rejects(upload.finally(() => source.close()), (e: unknown) => e instanceof FeishuError && e.code === 'CANCELLED' && e.message.startsWith('The upload was cancelled.'));
    assert.equal(partsSeenAtAbort, 2);
    assert.ok(performance.now() - started < 3000, 'stopped promptly');
    assert.equal(rig.emu.listFiles().length, filesBefore);
    assert.equal(rig.emu.stats().calls['drive/v1/files/upload_finish'] ?? 0, finishesBefore, 'finish was never called');
  });

  test('no rule violation was caused by our pacing in any of these runs', () => {
    assert.deepEqual(rig.emu.violations(), []);
  });
});

describe('errors that outlast the retries: each one says what happened and what to do', () => {
  // One quick retry: these tests are about the message left when retrying does not help.
  const retry = { maxRetries: 1, delaysMs: [10], jitter: 0, maxServerWaitMs: 100 };
  let rig: Rig;
  const tmp = tempDir();
  const small = writeFixture(tmp.dir, 'small.bin', 1000);
  before(async () => {
    rig = await startRig({ retry, idleTimeoutMs: 300 });
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  async function failure(uploader: Uploader, path = small.path): Promise<FeishuError> {
    const source = await openFileSource(path);
    const err = await uploader.upload(source, { kind: 'folder' }).then(
      () => assert.fail('the upload should have failed'),
      (e: unknown) => e,
    );
    await source.close();
    assert.ok(err instanceof FeishuError, String(err));
    return err;
  }

  test('Feishu unreachable (nothing listens at the base URL)', async () => {
    const closed = await startRig({ retry });
    await closed.emu.close(); // the port is now closed
    try {
      const e = await failure(closed.uploader);
      assert.equal(e.code, 'NETWORK');
      assert.match(e.message, /^Could not reach Feishu\. \(ECONNREFUSED\) \(NETWORK, auth\/v3\/tenant_access_token\/internal\)$/);
      assert.match(e.hint, /Check your network, proxy and the API base URL/);
    } finally {
      await closed.close();
    }
  });

  test('Feishu stops answering (idle timeout on every attempt)', async () => {
    rig.emu.injectFault({ kind: 'stall', endpoint: 'upload_all', count: 2 });
    const e = await failure(rig.uploader);
    rig.emu.clearFaults();
    assert.equal(e.code, 'TIMEOUT');
    assert.match(e.message, /^Feishu did not answer in time\. \(TIMEOUT, drive\/v1\/files\/upload_all\)$/);
    assert.match(e.hint, /Check your network and try again/);
  });

  test('HTTP 500 on every attempt', async () => {
    rig.emu.injectFault({ kind: 'http500', endpoint: 'upload_all', count: 2 });
    const e = await failure(rig.uploader);
    rig.emu.clearFaults();
    assert.equal(e.code, 'HTTP_ERROR');
    assert.match(e.message, /^Feishu answered with an unexpected HTTP error\. \(HTTP_ERROR, drive\/v1\/files\/upload_all, HTTP 500, log id \w+\)$/);
    assert.match(e.hint, /it was retried automatically/);
  });

  test('an answer that is not Feishu\'s (a base URL with a wrong path)', async () => {
    const wrong = createEngines({ brand: 'feishu', baseUrl: `${rig.emu.url}/not-the-api`, credentials: { appId: rig.emu.appId, appSecret: rig.emu.appSecret }, retry });
    try {
      const e = await failure(wrong.uploader);
      assert.equal(e.code, 'BAD_RESPONSE');
      assert.match(e.message, /^Feishu sent an answer this tool does not understand\. \(BAD_RESPONSE, auth\/v3\/tenant_access_token\/internal, HTTP 404, log id \w+\)$/);
      assert.match(e.hint, /Report it with the log id/);
    } finally {
      wrong.dispose();
    }
  });

  test('the file shrinks while it uploads: reported, nothing stored', async () => {
    const path = writeFixture(tmp.dir, 'shrinking.bin', 20 * MiB + 1).path;
    const before = rig.emu.listFiles().length;
    const source = await openFileSource(path);
    truncateSync(path, MiB); // another program rewrote it after we measured it
    const err = await rig.uploader.upload(source, { kind: 'folder' }).then(
      () => assert.fail('the upload should have failed'),
      (e: unknown) => e,
    );
    await source.close();
    assert.ok(err instanceof FeishuError);
    assert.equal(err.code, 'FILE_CHANGED');
    assert.match(err.message, /^The file changed size while it was being uploaded\. ".*shrinking\.bin" \(FILE_CHANGED\)$/);
    assert.match(err.hint, /Wait until the file is no longer being written/);
    assert.equal(rig.emu.listFiles().length, before);
  });
});
