import { FeishuError } from '../core';
import { version } from '../../package.json';
import { emulatorCommand } from './emulatorCommand';
import { CLI_COMMANDS, helpText, isCliCommand, wantsHelp, type CliCommand } from './help';
import { cliTranslate, describeError } from './i18n';
import { importCommand } from './importCommand';
import type { CliIo } from './io';
import { loginCommand } from './loginCommand';
import { logoutCommand } from './logoutCommand';
import { lsCommand } from './lsCommand';
import { mkdirCommand } from './mkdirCommand';
import { publishCommand } from './publishCommand';
import { uploadCommand } from './uploadCommand';
import { whoamiCommand } from './whoamiCommand';
import { UsageError } from './UsageError';

const RUN: Record<CliCommand, (argv: string[], io: CliIo) => Promise<number>> = {
  upload: uploadCommand,
  ls: lsCommand,
  mkdir: mkdirCommand,
  import: importCommand,
  publish: publishCommand,
  login: loginCommand,
  logout: logoutCommand,
  whoami: whoamiCommand,
  emulator: emulatorCommand,
};

/** Runs one CLI invocation and returns its exit code; the process wrapper below is the only global. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const t = cliTranslate(io.env);
  try {
    if (command === '--version' || command === '-v') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    if (command === undefined) {
      // Called with nothing: the overview, as an error (nothing was done).
      io.stdout.write(`${helpText(io.env)}\n`);
      return 2;
    }
    if (command === 'help' || command === '--help' || command === '-h') {
      const about = rest[0];
      if (about !== undefined && !isCliCommand(about)) throw new UsageError('Unknown command "{0}"; the commands are {1}.', about, CLI_COMMANDS.join(', '));
      io.stdout.write(`${helpText(io.env, about)}\n`);
      return 0;
    }
    if (!isCliCommand(command)) throw new UsageError('Unknown command "{0}"; the commands are {1}.', command, CLI_COMMANDS.join(', '));
    if (wantsHelp(rest)) {
      io.stdout.write(`${helpText(io.env, command)}\n`);
      return 0;
    }
    return await RUN[command](rest, io);
  } catch (err) {
    if (err instanceof UsageError) {
      // One line that names the problem and the fix, then where the options are: not the whole page.
      const text = err.feishu ? `${describeError(err.feishu, t)} ${t(err.feishu.hint)}` : t(err.template, ...err.args);
      const help = command !== undefined && isCliCommand(command) ? `feishu-upload ${command} --help` : 'feishu-upload --help';
      io.stderr.write(`feishu-upload: ${text}\n${t('Run "{0}" for usage.', help)}\n`);
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
