import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/main';
import { startEmulator, type Emulator } from '../../src/emulator';
import { decide } from './browser';

/** Resume records of CLI runs in tests go here, never to the user's real state folder. */
let testStateHome: string | undefined;
export function testStateDir(): string {
  testStateHome ??= mkdtempSync(join(tmpdir(), 'feishu-cli-state-'));
  return testStateHome;
}

/**
 * A CLI environment over the emulator that touches nothing of the user's: the app's credentials, HOME = `dir`, the
 * sign-in under `dir`/config (a file, never the keychain) and the records under `dir`/state.
 */
export function cliEnv(emu: Emulator, dir: string): NodeJS.ProcessEnv {
  return {
    HOME: dir,
    FEISHU_APP_ID: emu.appId,
    FEISHU_APP_SECRET: emu.appSecret,
    FEISHU_BASE_URL: emu.url,
    FEISHU_UPLOAD_CONFIG_DIR: join(dir, 'config'),
    FEISHU_UPLOAD_STATE_DIR: join(dir, 'state'),
    FEISHU_UPLOAD_KEYCHAIN: '0',
  };
}

/**
 * An emulator, a temp folder with cliEnv over it, and a person signed in with `login --device` (approved at once):
 * where the CLI's signed-in tests start. The caller closes the emulator and removes `dir`.
 */
export async function startSignedInCli(tempPrefix: string): Promise<{ emu: Emulator; dir: string; env: NodeJS.ProcessEnv }> {
  const emu = await startEmulator({ deviceIntervalSeconds: 0.05 });
  const dir = mkdtempSync(join(tmpdir(), tempPrefix));
  const env = cliEnv(emu, dir);
  const login = await loginWithCode(env);
  if (login.code !== 0) throw new Error(`login --device failed (exit ${login.code}): ${login.stderr}`);
  return { emu, dir, env };
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
