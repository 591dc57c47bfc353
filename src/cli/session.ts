import { createEngines, FeishuError, redact, type CallInfo, type Engines } from '../core';
import type { CommonArgs } from './commonArgs';
import { credentialsFromEnv } from './credentials';
import type { CliIo } from './io';
import { cliTranslate, describeError } from './i18n';
import { UsageError } from './UsageError';

/** The engines for one CLI run: credentials from the environment; missing ones or a bad base URL are usage errors (exit 2). */
export function openSession(args: CommonArgs, io: CliIo): Engines {
  const t = cliTranslate(io.env);
  const credentials = credentialsFromEnv(io.env);
  if (!credentials) throw UsageError.of(new FeishuError({ code: 'NO_CREDENTIALS' }));
  try {
    return createEngines({
      brand: args.brand,
      baseUrl: args.baseUrl,
      credentials,
      onCall: args.verbose ? (c) => io.stderr.write(`${callLine(c)}\n`) : undefined,
      onRetry: args.verbose ? (e, n, ms) => io.stderr.write(`${t('retry {0} in {1} ms after: {2}', n + 1, ms, describeError(e, t))}\n`) : undefined,
      onWarning: (w) => io.stderr.write(`${t('warning: {0}', redact(w))}\n`),
    });
  } catch (err) {
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
}

function callLine(c: CallInfo): string {
  return redact(`${c.method} ${c.endpoint} -> HTTP ${c.httpStatus ?? '-'} code ${c.code ?? '-'} log ${c.logId ?? '-'} ${c.ms} ms`);
}
