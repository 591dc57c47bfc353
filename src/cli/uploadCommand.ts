import { connect, driveFileUrl, FeishuError, openFileSource, redact, Uploader, type CallInfo, type FeishuClient } from '../core';
import type { CliIo } from './io';
import { ProgressLine } from './ProgressLine';
import { jsonLine, textLine, type FileOutcome } from './report';
import { credentialsFromEnv } from './credentials';
import { parseUploadArgs } from './uploadArgs';
import { UsageError } from './UsageError';

/** `feishu-upload upload`: every file in turn; returns the exit code. */
export async function uploadCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseUploadArgs(argv, io.env);
  const credentials = credentialsFromEnv(io.env);
  if (!credentials) throw new UsageError(new FeishuError({ code: 'NO_CREDENTIALS' }).userMessage);
  const onCall = args.verbose ? (c: CallInfo) => io.stderr.write(`${callLine(c)}\n`) : undefined;
  let client: FeishuClient;
  try {
    client = connect({ brand: args.brand, baseUrl: args.baseUrl, credentials, onCall });
  } catch (err) {
    if (err instanceof FeishuError) throw new UsageError(err.userMessage);
    throw err;
  }
  const progress = io.stderr.isTTY ? new ProgressLine(io.stderr as NodeJS.WriteStream) : undefined;
  const uploader = new Uploader(client, {
    onRetry: args.verbose ? (e, n, ms) => io.stderr.write(`retry ${n + 1} in ${ms} ms after: ${e.message}\n`) : undefined,
  });
  const outcomes: FileOutcome[] = [];
  try {
    for (const [i, file] of args.files.entries()) {
      if (io.signal?.aborted) break;
      const outcome = await uploadOne(file, i, args.files.length);
      outcomes.push(outcome);
      progress?.clear();
      if (args.json) io.stdout.write(`${jsonLine(outcome)}\n`);
      if (outcome.result && !args.json) io.stdout.write(`${textLine(outcome)}\n`);
      if (outcome.error) io.stderr.write(`${textLine(outcome)}\n`);
    }
  } finally {
    client.dispose();
  }
  const done = outcomes.filter((o) => o.result).length;
  if (io.signal?.aborted) {
    const notDone = args.files.filter((f) => !outcomes.some((o) => o.file === f && o.result));
    io.stderr.write(`Interrupted: ${done} of ${args.files.length} uploaded; not uploaded: ${notDone.join(', ')}\n`);
    return 130;
  }
  return done === args.files.length ? 0 : 1;

  async function uploadOne(file: string, index: number, count: number): Promise<FileOutcome> {
    let source;
    try {
      source = await openFileSource(file);
    } catch (error) {
      return { file, error };
    }
    try {
      progress?.start();
      const result = await uploader.upload(source, args.target, {
        signal: io.signal,
        onProgress: (p) => progress?.update(source.name, index + 1, count, p),
      });
      const url = args.target.kind === 'folder' ? driveFileUrl(args.brand, result.fileToken, args.baseUrl) : undefined;
      return { file, result: { ...result, url } };
    } catch (error) {
      return { file, error };
    } finally {
      await source.close();
    }
  }
}

function callLine(c: CallInfo): string {
  return redact(`${c.method} ${c.endpoint} -> HTTP ${c.httpStatus ?? '-'} code ${c.code ?? '-'} log ${c.logId ?? '-'} ${c.ms} ms`);
}
