// Paths written by scripts/e2e/setup.sh into <cacheDir>/env.json, plus small shared utilities.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface E2eEnv {
  /** Wrapper script: runs code-server on Node 24 with Node 24 first in PATH. */
  codeServerBin: string;
  node24BinDir: string;
  chromiumPath: string;
  codeServerVersion: string;
}

export function loadE2eEnv(cacheDir: string): E2eEnv {
  const file = join(cacheDir, 'env.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as E2eEnv;
  } catch (err) {
    throw new Error(`cannot read ${file}: run scripts/e2e/setup.sh first (${String(err)})`, { cause: err });
  }
}

/**
 * The repo root: the nearest folder above this file whose package.json is ours and that has the build
 * script. Tests may run from out/ or from the private build dir of scripts/e2e/run.sh, so no fixed
 * '../..'; and tsc copies package.json into those dirs (the CLI imports it for --version), hence the script.
 */
export function repoRoot(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (!existsSync(pkg) || !existsSync(join(dir, 'scripts', 'build.mjs'))) continue;
    if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'feishu-upload') return dir;
  }
  throw new Error(`no feishu-upload package.json above ${__dirname}`);
}

export { freePort } from '../../helpers/freePort';

/**
 * Polls `probe` until it returns something other than undefined. This waits on observed
 * state (a file, an HTTP answer, the clipboard), never on a fixed delay: the interval
 * only bounds how often we look.
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 30_000, intervalMs = 100 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastErr: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
    } catch (err) {
      lastErr = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr ? `: ${String(lastErr)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * The cache dir: FEISHU_E2E_CACHE_DIR (run.sh sets it from setup.sh's last line), else the
 * default layout of scripts/e2e/setup.sh (FEISHU_E2E_CACHE overrides the root there too).
 */
export function defaultCacheDir(): string {
  if (process.env.FEISHU_E2E_CACHE_DIR) return process.env.FEISHU_E2E_CACHE_DIR;
  const root = process.env.FEISHU_E2E_CACHE ?? `${process.env.HOME ?? '/root'}/.cache/feishu-upload-e2e`;
  return `${root}/code-server-4.139.1-node24`;
}
