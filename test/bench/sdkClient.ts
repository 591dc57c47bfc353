// The same upload written the way the official SDK's users write it: read the file, prepare, then
// uploadPart in a plain sequential loop, then finish. No pacing, no checksum, no retry: the SDK offers none.
import * as lark from '@larksuiteoapi/node-sdk';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface Outcome {
  ok: boolean;
  ms: number;
  /** uploadPart calls that returned null: the SDK's silent answer to an HTTP-200 error such as 1061045. */
  silentPartFailures: number;
  error?: string;
}

async function main(): Promise<Outcome> {
  const [file] = process.argv.slice(2);
  const env = process.env;
  const client = new lark.Client({ appId: env.FEISHU_APP_ID!, appSecret: env.FEISHU_APP_SECRET!, domain: env.FEISHU_BASE_URL!, loggerLevel: lark.LoggerLevel.error });
  const started = performance.now();
  let silentPartFailures = 0;
  try {
    const bytes = readFileSync(file);
    const prepared = await client.drive.v1.file.uploadPrepare({
      data: { file_name: basename(file), parent_type: 'explorer', parent_node: env.BENCH_FOLDER!, size: bytes.length },
    });
    const { upload_id, block_size, block_num } = prepared.data!;
    for (let seq = 0; seq < block_num!; seq++) {
      const chunk = bytes.subarray(seq * block_size!, (seq + 1) * block_size!);
      const res = await client.drive.v1.file.uploadPart({ data: { upload_id: upload_id!, seq, size: chunk.length, file: chunk } });
      if (res === null) silentPartFailures++;
    }
    const finished = await client.drive.v1.file.uploadFinish({ data: { upload_id: upload_id!, block_num: block_num! } });
    const ok = finished.code === 0 && Boolean(finished.data?.file_token);
    return { ok, ms: performance.now() - started, silentPartFailures, error: ok ? undefined : `finish code ${finished.code}` };
  } catch (err) {
    const body = (err as { response?: { data?: { code?: number; msg?: string } } }).response?.data;
    return { ok: false, ms: performance.now() - started, silentPartFailures, error: body ? `code ${body.code} ${body.msg}` : String(err) };
  }
}

// The SDK logs its errors to stdout too: the marker tells our result apart.
void main().then((o) => process.stdout.write(`\nBENCH_RESULT ${JSON.stringify(o)}\n`));
