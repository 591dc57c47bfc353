import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { decide } from './browser';

/** Resume records of CLI runs in tests go here, never to the user's real state folder. */
let testStateHome: string | undefined;
export function testStateDir(): string {
  testStateHome ??= mkdtempSync(join(tmpdir(), 'feishu-cli-state-'));
  return testStateHome;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout parsed as JSON lines. */
  json: Record<string, unknown>[];
}

/**
 * Runs the CLI in-process with captured output and the given environment only; `onStdout` sees each write as it
 * happens (to act on a line while the command still runs, as a person would).
 */
export async function cli(argv: string[], env: NodeJS.ProcessEnv, signal?: AbortSignal, onStdout?: (text: string) => void): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: {
      write: (t: string) => {
        stdout += t;
        onStdout?.(t);
      },
    },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env: { XDG_STATE_HOME: testStateDir(), ...env },
    signal,
  });
  const json = stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { code, stdout, stderr, json };
}

/** `login --device --json`, approving (or denying) on the verification page as soon as its line is out. */
export async function loginWithCode(env: NodeJS.ProcessEnv, decision: 'approve' | 'deny' = 'approve'): Promise<CliRun> {
  return cli(['login', '--device', '--json'], env, undefined, (text) => {
    const line = text.split('\n').find((l) => l.includes('verificationUriComplete'));
    if (line) void decide((JSON.parse(line) as { verificationUriComplete: string }).verificationUriComplete, decision);
  });
}
