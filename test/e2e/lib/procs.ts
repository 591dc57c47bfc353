// Process-tree bookkeeping for code-server runs (Linux /proc based).
//
// code-server is started in its own session/process group (setsid), so killing the group
// reaches the launcher, the server and the extension hosts it forks. As a second net, every
// run tags its environment with FEISHU_E2E_RUN=<unique dir>; descendants inherit it, so a
// process that left the group (its own setsid) is still found and killed by that tag.
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const RUN_TAG_VAR = 'FEISHU_E2E_RUN';

interface Tracked {
  pgid: number;
  tag: string;
}
const tracked = new Set<Tracked>();
const tempDirs = new Set<string>();
let hooksInstalled = false;

/** Live (non-zombie) pids that belong to the group or carry the run tag. */
export function runProcesses(t: Tracked): number[] {
  const found: number[] = [];
  const needle = `${RUN_TAG_VAR}=${t.tag}\0`;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      // /proc/PID/stat: "pid (comm) state ppid pgrp ..."; comm may contain spaces/parens.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const state = rest[0];
      const pgrp = Number(rest[2]);
      if (state === 'Z' || state === 'X') continue; // dead, only waiting to be reaped
      if (pgrp === t.pgid) {
        found.push(pid);
        continue;
      }
      if (`${readFileSync(`/proc/${pid}/environ`, 'latin1')}\0`.includes(needle)) found.push(pid);
    } catch {
      // the process ended while we looked, or is not ours to read
    }
  }
  return found;
}

function signalAll(t: Tracked, sig: NodeJS.Signals): void {
  try {
    process.kill(-t.pgid, sig);
  } catch {
    // group already gone
  }
  for (const pid of runProcesses(t)) {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  }
}

/** Last resort when the test process dies without cleaning up: SIGKILL everything we started, drop temp dirs. */
function killAllTrackedSync(): void {
  for (const t of tracked) signalAll(t, 'SIGKILL');
  tracked.clear();
  if (process.env.FEISHU_E2E_KEEP_TMP === '1') return;
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/**
 * A fresh folder under the OS temp dir (realpath'd: VS Code shows resolved paths), removed
 * by removeTempDir() or, if the process dies first, by the exit hook. FEISHU_E2E_KEEP_TMP=1 keeps all.
 */
export function makeTempDir(prefix: string): string {
  installHooks();
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  tempDirs.delete(dir);
  if (process.env.FEISHU_E2E_KEEP_TMP !== '1') rmSync(dir, { recursive: true, force: true });
}

/** Forget a temp dir without removing it (keepTemp). */
export function keepTempDir(dir: string): void {
  tempDirs.delete(dir);
}

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', killAllTrackedSync);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(sig, () => {
      killAllTrackedSync();
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
  }
}

export function track(pgid: number, tag: string): Tracked {
  installHooks();
  const t = { pgid, tag };
  tracked.add(t);
  return t;
}

async function waitGone(t: Tracked, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (runProcesses(t).length > 0) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

/** SIGTERM the run, wait until no process of it is left; SIGKILL what ignores that. */
export async function terminate(t: Tracked, graceMs = 10_000): Promise<void> {
  signalAll(t, 'SIGTERM');
  if (!(await waitGone(t, graceMs))) {
    signalAll(t, 'SIGKILL');
    if (!(await waitGone(t, 5_000))) {
      throw new Error(`processes of run ${t.tag} survived SIGKILL: ${runProcesses(t).join(' ')}`);
    }
  }
  tracked.delete(t);
}
