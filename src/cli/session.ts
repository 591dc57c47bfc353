import {
  connect,
  DocumentUploader,
  DocxApi,
  docxWritePacer,
  FeishuError,
  Importer,
  redact,
  systemClock,
  Uploader,
  type CallInfo,
  type FeishuClient,
  type UploaderOptions,
} from '../core';
import type { CommonArgs } from './commonArgs';
import { credentialsFromEnv } from './credentials';
import type { CliIo } from './io';
import { cliTranslate, describeError } from './i18n';
import { UsageError } from './UsageError';

/** One client and the engines over it, for one CLI run. */
export interface Session {
  client: FeishuClient;
  uploader: Uploader;
  documents: DocumentUploader;
  importer: Importer;
  dispose(): void;
}

/** Credentials from the environment; missing ones or a bad base URL are usage errors (exit 2). */
export function openSession(args: CommonArgs, io: CliIo): Session {
  const t = cliTranslate(io.env);
  const credentials = credentialsFromEnv(io.env);
  if (!credentials) throw UsageError.of(new FeishuError({ code: 'NO_CREDENTIALS' }));
  const onCall = args.verbose ? (c: CallInfo) => io.stderr.write(`${callLine(c)}\n`) : undefined;
  let client: FeishuClient;
  try {
    client = connect({ brand: args.brand, baseUrl: args.baseUrl, credentials, onCall });
  } catch (err) {
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
  const retry: UploaderOptions = {
    onRetry: args.verbose ? (e, n, ms) => io.stderr.write(`${t('retry {0} in {1} ms after: {2}', n + 1, ms, describeError(e, t))}\n`) : undefined,
  };
  const uploader = new Uploader(client, retry);
  const documents = new DocumentUploader(client, uploader, new DocxApi(client, docxWritePacer(systemClock)), {
    ...retry,
    onWarning: (w) => io.stderr.write(`${t('warning: {0}', redact(w))}\n`),
  });
  return { client, uploader, documents, importer: new Importer(client, uploader, retry), dispose: () => client.dispose() };
}

function callLine(c: CallInfo): string {
  return redact(`${c.method} ${c.endpoint} -> HTTP ${c.httpStatus ?? '-'} code ${c.code ?? '-'} log ${c.logId ?? '-'} ${c.ms} ms`);
}
