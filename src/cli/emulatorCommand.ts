import { parseArgs } from 'node:util';
import { startEmulator } from '../emulator';
import { parseArgsError } from './commonArgs';
import type { CliIo } from './io';
import { UsageError } from './UsageError';
import { cliTranslate } from './i18n';

/**
 * `feishu-upload emulator`: the local Feishu stand-in for the demo, benchmarks and browser tests. Runs until
 * interrupted. Its App ID/Secret are fixed test values, not secrets.
 */
export async function emulatorCommand(argv: string[], io: CliIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string', default: '0' },
        latency: { type: 'string' },
        bandwidth: { type: 'string' },
        'no-keep-bytes': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    }));
  } catch (err) {
    throw parseArgsError(err);
  }
  const port = wholeNumber('--port', values.port);
  const emu = await startEmulator({
    port,
    keepBytes: !values['no-keep-bytes'],
    shaping: {
      latencyMs: values.latency === undefined ? undefined : wholeNumber('--latency', values.latency),
      bytesPerSecond: values.bandwidth === undefined ? undefined : wholeNumber('--bandwidth', values.bandwidth),
    },
  });
  const t = cliTranslate(io.env);
  const info = { url: emu.url, appId: emu.appId, appSecret: emu.appSecret, rootFolderToken: emu.rootFolderToken };
  io.stdout.write(
    values.json
      ? `${JSON.stringify(info)}\n`
      : `${t('Feishu emulator on {0}', emu.url)}\n  FEISHU_BASE_URL=${emu.url} FEISHU_APP_ID=${emu.appId} FEISHU_APP_SECRET=${emu.appSecret}\n  ${t('control API: {0}', `${emu.url}/__emulator/state`)}\n`,
  );
  await new Promise<void>((resolve) => {
    if (io.signal?.aborted) return resolve();
    io.signal?.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGTERM', () => resolve());
  });
  await emu.close();
  return 0;
}

function wholeNumber(flag: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError('{0} takes a whole number, not "{1}".', flag, text);
  return n;
}
