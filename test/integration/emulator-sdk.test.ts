// Proves the emulator speaks Feishu's wire format: the official Node SDK (its own token fetch,
// JSON and multipart encodings) uploads through it unchanged.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { Client } from '@larksuiteoapi/node-sdk';
import { buf as adler32 } from 'adler-32';
import { startEmulator, type Emulator } from '../../src/emulator';

const BLOCK = 64 * 1024;
/** Same-endpoint calls stay under the 5 QPS rule with margin. */
const PACE_MS = 250;

function pattern(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0; i < size; i++) out[i] = (i * 13 + seed + (i >> 10)) & 0xff;
  return out;
}

void describe('emulator with the official @larksuiteoapi/node-sdk', () => {
  let emu: Emulator;
  let client: Client;
  const lastCall = new Map<string, number>();

  /** Waits until PACE_MS passed since the previous call to the same endpoint, then runs it. */
  async function paced<T>(endpoint: string, call: () => Promise<T>): Promise<T> {
    const wait = (lastCall.get(endpoint) ?? 0) + PACE_MS - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastCall.set(endpoint, Date.now());
    return call();
  }

  before(async () => {
    emu = await startEmulator({ blockSize: BLOCK });
    // The SDK appends /open-apis/... to the domain itself. Its `loggerLevel: fatal` (0) is falsy and
    // falls back to info, so silence it with a no-op logger instead.
    const quiet = (): void => undefined;
    const logger = { error: quiet, warn: quiet, info: quiet, debug: quiet, trace: quiet };
    client = new Client({ appId: emu.appId, appSecret: emu.appSecret, domain: emu.url, logger });
  });
  after(() => emu.close());

  void it('fetches its own tenant token and runs media prepare → part × 3 → finish', async () => {
    const parent = emu.addMediaParent();
    const data = pattern(2 * BLOCK + 1234, 1);
    const prepared = await paced('prepare', () =>
      client.drive.v1.media.uploadPrepare({ data: { file_name: 'sdk.bin', parent_type: 'docx_file', parent_node: parent, size: data.length, extra: '{"drive_route_token":"doxcnSDK"}' } }),
    );
    assert.equal(prepared.code, 0);
    assert.equal(emu.stats().calls['auth/v3/tenant_access_token/internal'], 1);
    const uploadId = prepared.data?.upload_id as string;
    const blockNum = prepared.data?.block_num as number;
    assert.equal(blockNum, 3);
    for (let seq = 0; seq < blockNum; seq++) {
      const block = data.subarray(seq * BLOCK, (seq + 1) * BLOCK);
      const part = await paced('part', () =>
        client.drive.v1.media.uploadPart({ data: { upload_id: uploadId, seq, size: block.length, checksum: String(adler32(block) >>> 0), file: block } }),
      );
      // Multipart helpers return body.data only: {} on success.
      assert.deepEqual(part, {});
    }
    const finished = await paced('finish', () => client.drive.v1.media.uploadFinish({ data: { upload_id: uploadId, block_num: blockNum } }));
    assert.equal(finished.code, 0);
    const stored = emu.getFile(finished.data?.file_token as string);
    assert.deepEqual(stored?.bytes, data);
    assert.equal(stored?.sha256, createHash('sha256').update(data).digest('hex'));
    assert.equal(stored?.extra, '{"drive_route_token":"doxcnSDK"}');
    // The token was cached and reused by the SDK.
    assert.equal(emu.stats().calls['auth/v3/tenant_access_token/internal'], 1);
  });

  void it('uploads with drive.v1.file.uploadAll / uploadPrepare / uploadPart / uploadFinish and media.uploadAll', async () => {
    const small = pattern(5000, 2);
    const all = await paced('file.all', () =>
      client.drive.v1.file.uploadAll({
        data: { file_name: 'a.txt', parent_type: 'explorer', parent_node: emu.rootFolderToken, size: small.length, checksum: String(adler32(small) >>> 0), file: small },
      }),
    );
    assert.deepEqual(emu.getFile(all?.file_token as string)?.bytes, small);

    const media = await paced('media.all', () =>
      client.drive.v1.media.uploadAll({ data: { file_name: 'i.png', parent_type: 'docx_image', parent_node: emu.addMediaParent(), size: small.length, file: small } }),
    );
    assert.equal(emu.getFile(media?.file_token as string)?.endpoint, 'medias');

    const folder = emu.addFolder();
    const prepared = await paced('file.prepare', () =>
      client.drive.v1.file.uploadPrepare({ data: { file_name: 'b.bin', parent_type: 'explorer', parent_node: folder, size: small.length } }),
    );
    assert.equal(prepared.code, 0);
    const uploadId = prepared.data?.upload_id as string;
    assert.deepEqual(await paced('file.part', () => client.drive.v1.file.uploadPart({ data: { upload_id: uploadId, seq: 0, size: small.length, file: small } })), {});
    const finished = await paced('file.finish', () => client.drive.v1.file.uploadFinish({ data: { upload_id: uploadId, block_num: 1 } }));
    assert.equal(finished.code, 0);
    const stored = emu.getFile(finished.data?.file_token as string);
    assert.equal(stored?.parentNode, folder);
    assert.deepEqual(stored?.bytes, small);
  });

  void it('shows the SDK gotchas: HTTP-200 errors become null, 4xx errors throw with the body attached', async () => {
    const parent = emu.addMediaParent();
    const bytes = pattern(100, 3);
    emu.injectFault({ kind: 'code', code: 1061045 });
    const retry = await paced('media.all', () =>
      client.drive.v1.media.uploadAll({ data: { file_name: 'x', parent_type: 'docx_file', parent_node: parent, size: bytes.length, file: bytes } }),
    );
    assert.equal(retry, null);
    await assert.rejects(
      paced('media.all', () => client.drive.v1.media.uploadAll({ data: { file_name: 'x', parent_type: 'docx_file', parent_node: parent, size: bytes.length + 1, file: bytes } })),
      (error: { response?: { status?: number; data?: { code?: number } } }) => error.response?.status === 400 && error.response.data?.code === 1062009,
    );
    assert.deepEqual(emu.violations(), []);
  });
});
