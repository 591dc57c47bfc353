import { FeishuError } from '../core';
import { emulatorCommand } from './emulatorCommand';
import { importCommand } from './importCommand';
import type { CliIo } from './io';
import { uploadCommand } from './uploadCommand';
import { USAGE } from './usage';
import { UsageError } from './UsageError';

/** Runs one CLI invocation and returns its exit code; the process wrapper below is the only global. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
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
        io.stdout.write(`${USAGE}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`feishu-upload: ${err.message}\n\n${USAGE}\n`);
      return 2;
    }
    const e = err instanceof FeishuError ? err.userMessage : String(err);
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
