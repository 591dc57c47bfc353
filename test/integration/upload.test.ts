import { strict as assert } from 'node:assert';
import { after, before, describe, test } from 'node:test';
import { openFileSource, type UploadProgress, type UploadTarget } from '../../src/core';
import { startRig, type Rig } from '../helpers/feishu';
import { tempDir, writeFixture } from '../helpers/fixtures';

const MiB = 1024 * 1024;
const BLOCK = 4 * MiB;

const SIZES: [string, number, 'all' | 'multipart', number][] = [
  ['1 byte', 1, 'all', 1],
  ['4 MiB - 1', BLOCK - 1, 'all', 1],
  ['exactly 20 MiB', 20 * MiB, 'all', 1],
  ['20 MiB + 1', 20 * MiB + 1, 'multipart', 6],
  ['3 blocks + 1 byte', 3 * BLOCK + 1, 'all', 1],
  ['6 blocks + 1 byte', 6 * BLOCK + 1, 'multipart', 7],
];

describe('uploads over HTTP against the emulator', () => {
  let rig: Rig;
  const tmp = tempDir();
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    await rig.close();
    tmp.dispose();
  });

  for (const kind of ['folder', 'media'] as const) {
    for (const [label, size, method, parts] of SIZES) {
      test(`${label} to a ${kind}: ${method}, ${parts} part(s), byte-identical`, async () => {
        const { path, bytes } = writeFixture(tmp.dir, `${kind}-${size}.bin`, size);
        const target: UploadTarget =
          kind === 'folder'
            ? { kind: 'folder', folderToken: rig.emu.addFolder() }
            : { kind: 'media', parentType: 'docx_file', parentNode: rig.emu.addMediaParent(), extra: '{"drive_route_token":"doxcnTest"}' };
        const progress: UploadProgress[] = [];
        const source = await openFileSource(path);
        const result = await rig.uploader.upload(source, target, { onProgress: (p) => progress.push(p) }).finally(() => source.close());
        assert.equal(result.method, method);
        assert.equal(result.parts, parts);
        assert.equal(result.bytes, size);
        const stored = rig.emu.getFile(result.fileToken);
        assert.ok(stored, 'the emulator holds the file');
        assert.equal(stored.endpoint, kind === 'folder' ? 'files' : 'medias');
        assert.ok(stored.bytes?.equals(bytes), 'bytes identical');
        assert.equal(stored.name, `${kind}-${size}.bin`);
        // Progress only grows, ends at the size, and names the parts.
        for (let i = 1; i < progress.length; i++) assert.ok(progress[i].bytesSent >= progress[i - 1].bytesSent);
        assert.deepEqual(progress.at(-1), { bytesSent: size, bytesConfirmed: size, totalBytes: size, part: parts, parts });
      });
    }
  }

  test('the block size and count come from upload_prepare: 3 blocks of 8 MiB + 1 byte', async () => {
    const other = await startRig({ emulator: { blockSize: 2 * BLOCK } });
    try {
      const { path, bytes } = writeFixture(tmp.dir, 'eight.bin', 3 * 2 * BLOCK + 1);
      const source = await openFileSource(path);
      const result = await other.uploader.upload(source, { kind: 'folder' }).finally(() => source.close());
      assert.equal(result.parts, 4);
      assert.ok(other.emu.getFile(result.fileToken)?.bytes?.equals(bytes));
      assert.deepEqual(other.emu.violations(), []);
    } finally {
      await other.close();
    }
  });

  test('one keep-alive connection carries every part (no new socket per part)', async () => {
    const { path } = writeFixture(tmp.dir, 'keepalive.bin', 20 * MiB + 1);
    const source = await openFileSource(path);
    const before = rig.emu.stats().connections;
    const result = await rig.uploader.upload(source, { kind: 'folder' }).finally(() => source.close());
    assert.equal(result.parts, 6);
    assert.ok(rig.emu.stats().connections - before <= 1, `opened ${rig.emu.stats().connections - before} connections for 8 calls`);
  });

  test('an empty folder setting uploads into the root folder (root_folder/meta)', async () => {
    const { path } = writeFixture(tmp.dir, 'root.txt', 10);
    const source = await openFileSource(path);
    const result = await rig.uploader.upload(source, { kind: 'folder' }).finally(() => source.close());
    assert.equal(rig.emu.getFile(result.fileToken)?.parentNode, rig.emu.rootFolderToken);
  });

  test('our pacing never broke a rule: no 1061045 from the emulator, one call in flight, ≤ 5/s', () => {
    assert.deepEqual(rig.emu.violations(), []);
    assert.equal(rig.emu.stats().codes['1061045'] ?? 0, 0);
  });

  test('every call was logged with endpoint, status, code, log id and time, and no token', () => {
    const parts = rig.calls.filter((c) => c.endpoint.endsWith('upload_part'));
    assert.ok(parts.length >= 12);
    for (const c of rig.calls) {
      assert.equal(typeof c.ms, 'number');
      assert.ok(c.logId, `${c.endpoint} has a log id`);
    }
    assert.doesNotMatch(JSON.stringify(rig.calls), /t-[A-Za-z0-9]{10,}/);
  });
});
