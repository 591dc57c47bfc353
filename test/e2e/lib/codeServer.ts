// Starts a throw-away code-server (real VS Code in the browser) for one test run.
import { execFile, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, loadE2eEnv, type E2eEnv } from './env';
import { keepTempDir, makeTempDir, removeTempDir, RUN_TAG_VAR, terminate, track } from './procs';

/** Settings that keep the screen quiet and deterministic (see the code-server e2e recipe). */
export const QUIET_SETTINGS: Readonly<Record<string, unknown>> = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // otherwise a "port available" toast can cover the toast under test
  'remote.autoForwardPorts': false,
  'git.enabled': false,
  // 1.139 opens settings/keybindings in a modal editor that blocks clicks on the Explorer;
  // keep classic editor groups so tests see tabs and can click around them.
  'workbench.editor.useModal': 'off',
};

export interface StartCodeServerOptions {
  /** The folder printed by scripts/e2e/setup.sh (holds env.json). */
  cacheDir: string;
  /** Installed with `--install-extension <vsix> --force` before the server starts. */
  vsixPath?: string;
  /** More .vsix files installed the same way (e.g. a language pack). */
  extraVsixPaths?: string[];
  /** Runs after the extensions are installed and before the server starts (e.g. to register a language pack). */
  prepare?: (dirs: { userDataDir: string; extensionsDir: string }) => void;
  /** Opened as the workspace folder. */
  workspaceDir: string;
  /** Merged over QUIET_SETTINGS into <user-data-dir>/User/settings.json. */
  userSettings?: Record<string, unknown>;
  /** e.g. 'zh-cn' (needs the matching language pack installed to change the UI). */
  locale?: string;
  /** If set, stop() copies the server log and VS Code's logs here (for CI triage). */
  artifactsDir?: string;
  /** Keep the temp folder after stop() (also: FEISHU_E2E_KEEP_TMP=1 for every temp dir). */
  keepTemp?: boolean;
}

export interface CodeServer {
  url: string;
  port: number;
  /** Temp folder of this run; holds everything below. */
  rootDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** <user-data-dir>/logs: one sub-folder per session (see readOutputChannelLog). */
  logsDir: string;
  /** code-server's own stdout+stderr. */
  serverLogPath: string;
  /** Kills the whole process group (and anything carrying this run's tag) and waits. Idempotent. */
  stop(): Promise<void>;
}

/** code-server must never talk to a VS Code the tests happen to run inside, nor inherit its Node flags. */
function childEnv(env: E2eEnv, rootDir: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(VSCODE_|ELECTRON_)/.test(k) || k === 'NODE_OPTIONS' || k.startsWith('npm_')) continue;
    out[k] = v;
  }
  return {
    ...out,
    PATH: `${env.node24BinDir}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    // code-server keeps state (coder.json, heartbeat) under XDG dirs: keep it inside the run.
    XDG_DATA_HOME: join(rootDir, 'xdg', 'data'),
    XDG_CONFIG_HOME: join(rootDir, 'xdg', 'config'),
    XDG_CACHE_HOME: join(rootDir, 'xdg', 'cache'),
    [RUN_TAG_VAR]: rootDir,
  };
}

function installVsix(env: E2eEnv, cenv: NodeJS.ProcessEnv, args: string[], vsixPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      env.codeServerBin,
      [...args, '--install-extension', vsixPath, '--force'],
      { env: cenv, timeout: 120_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const out = `${stdout}${stderr}`;
        if (err || !/successfully installed/i.test(out)) {
          reject(new Error(`--install-extension ${vsixPath} failed: ${err ? String(err) : ''}\n${out}`));
        } else resolve();
      },
    );
  });
}

async function waitHealthy(url: string, exited: Promise<number | null>, timeoutMs: number): Promise<'ok' | 'exited'> {
  let done = false;
  const exit = exited.then(() => 'exited' as const);
  const poll = (async () => {
    const deadline = Date.now() + timeoutMs;
    while (!done) {
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) return 'ok' as const;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`code-server not healthy after ${timeoutMs} ms at ${url}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return 'exited' as const;
  })();
  try {
    return await Promise.race([poll, exit]);
  } finally {
    done = true;
  }
}

export async function startCodeServer(opts: StartCodeServerOptions): Promise<CodeServer> {
  const env = loadE2eEnv(opts.cacheDir);
  const rootDir = makeTempDir('feishu-e2e-');
  const releaseRoot = (): void => (opts.keepTemp ? keepTempDir(rootDir) : removeTempDir(rootDir));
  const userDataDir = join(rootDir, 'user-data');
  const extensionsDir = join(rootDir, 'extensions');
  const logsDir = join(userDataDir, 'logs');
  const serverLogPath = join(rootDir, 'code-server.log');
  const configPath = join(rootDir, 'config.yaml');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...opts.userSettings }, null, 2),
  );
  const cenv = childEnv(env, rootDir);
  const dirArgs = ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--config', configPath];
  // Our own config file, so code-server neither reads nor creates ~/.config/code-server/config.yaml.
  writeFileSync(configPath, 'auth: none\ncert: false\n');

  for (const vsix of [...(opts.vsixPath ? [opts.vsixPath] : []), ...(opts.extraVsixPaths ?? [])]) {
    try {
      await installVsix(env, cenv, dirArgs, vsix);
    } catch (err) {
      releaseRoot();
      throw err;
    }
  }
  opts.prepare?.({ userDataDir, extensionsDir });

  // The port is free when picked but could be taken before code-server binds: retry then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const logFd = openSync(serverLogPath, 'a');
    const child = spawn(
      env.codeServerBin,
      [
        '--auth', 'none',
        '--bind-addr', `127.0.0.1:${port}`,
        '--disable-telemetry',
        '--disable-update-check',
        // An orphaned extension host would otherwise outlive the browser for 3 hours.
        '--reconnection-grace-time', '5',
        ...dirArgs,
        ...(opts.locale ? ['--locale', opts.locale] : []),
        opts.workspaceDir,
      ],
      // detached = setsid(): code-server leads its own process group, which stop() kills whole.
      { env: cenv, detached: true, stdio: ['ignore', logFd, logFd] },
    );
    closeSync(logFd);
    if (child.pid === undefined) throw new Error(`could not spawn ${env.codeServerBin}`);
    const run = track(child.pid, rootDir);
    // Unref'd: a test that forgets stop() still ends; the exit hook then kills the group.
    child.unref();
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    let stopped = false;
    const stop = async (): Promise<void> => {
      if (stopped) return;
      stopped = true;
      await terminate(run);
      if (opts.artifactsDir) {
        const dest = join(opts.artifactsDir, 'code-server-logs');
        mkdirSync(dest, { recursive: true });
        cpSync(serverLogPath, join(dest, 'code-server.log'));
        if (existsSync(logsDir)) cpSync(logsDir, join(dest, 'vscode-logs'), { recursive: true });
      }
      releaseRoot();
    };

    let state: 'ok' | 'exited';
    try {
      state = await waitHealthy(url, exited, 60_000);
    } catch (err) {
      const log = readFileSync(serverLogPath, 'utf8');
      await stop();
      throw new Error(`${String(err)}\n--- code-server log (tail) ---\n${log.slice(-4000)}`, { cause: err });
    }
    if (state === 'ok') {
      return { url, port, rootDir, userDataDir, extensionsDir, logsDir, serverLogPath, stop };
    }
    const log = readFileSync(serverLogPath, 'utf8');
    await terminate(run); // leftovers of the failed attempt, if any
    if (/EADDRINUSE/.test(log) && attempt < 3) continue;
    releaseRoot();
    throw new Error(`code-server exited before becoming healthy:\n${log.slice(-4000)}`);
  }
}
