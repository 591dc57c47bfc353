import { FeishuError } from '../core';
import { cliTranslate, describeError } from './i18n';
import { emulatorCommand } from './emulatorCommand';
import { importCommand } from './importCommand';
import type { CliIo } from './io';
import { uploadCommand } from './uploadCommand';
import { usageText } from './usage';
import { UsageError } from './UsageError';

/** Runs one CLI invocation and returns its exit code; the process wrapper below is the only global. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const t = cliTranslate(io.env);
  try {
    switch (command) {
      case 'upload':
        return await uploadCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'emulator':
        return await emulatorCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.stdout.write(`${usageText(io.env)}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError('Unknown command "{0}".', command);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      const text = err.feishu ? `${describeError(err.feishu, t)} ${t(err.feishu.hint)}` : t(err.template, ...err.args);
      io.stderr.write(`feishu-upload: ${text}\n\n${usageText(io.env)}\n`);
      return 2;
    }
    const e = err instanceof FeishuError ? `${describeError(err, t)} ${t(err.hint)}` : String(err);
    io.stderr.write(`feishu-upload: ${e}\n`);
    return 1;
  }
}

if (require.main === module) {
  const controller = new AbortController();
  let interrupts = 0;
  process.on('SIGINT', () => {
    // First Ctrl-C cancels cleanly (the part on the wire is abandoned); a second one exits at once.
    if (++interrupts > 1) process.exit(130);
    controller.abort();
  });
  void runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, signal: controller.signal }).then(
    (code) => {
      process.exitCode = code;
    },
  );
}
