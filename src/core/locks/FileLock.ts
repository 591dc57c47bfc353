// One lock between processes of this machine, for everything that must not run twice at once: a sign-in's renewal
// (CLI runs, VS Code windows; docs/feishu/auth.md §14 for how larksuite/cli does it) and a resume record's upload.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

export interface FileLockOptions {
  /**
   * A lock whose file was not refreshed for this long is stale whoever holds it, in ms. Default 30 000: six
   * missed refreshes. It covers what a pid cannot tell: a holder on another machine (a shared home folder), a
   * reused pid, a holder frozen for good.
   */
  staleMs?: number;
  /** How often a holder touches its lock file, in ms. Default 5 000. */
  refreshMs?: number;
  /** Whether a process of this machine lives; for tests. Default: process.kill(pid, 0). */
  isAlive?: (pid: number) => boolean;
  /** This machine's name, to tell its pids from other machines'. Default os.hostname(). */
  host?: string;
  /** Epoch ms; for tests. Default Date.now. */
  now?: () => number;
  /** FileLock.run: how often to try again while another holder has it, in ms. Default 100. */
  pollMs?: number;
  /**
   * FileLock.run: give up waiting after this long and go on without the lock, in ms. Default 30 000. Renewing
   * without it is still safe: a refresh token spent by the other holder (20073) makes this one read the other's
   * new pair.
   */
  timeoutMs?: number;
}

/** Who holds a lock, as far as its file tells: named in messages ("held by process 123 on host"). */
export interface LockHolder {
  pid?: number;
  host?: string;
}

/** A lock this process holds. */
export interface HeldLock {
  /** False once another process took it over (it judged the lock stale): the holder must stop. */
  stillHeld(): Promise<boolean>;
  /** Removes the lock file if it is still this holder's; idempotent. */
  release(): Promise<void>;
}

export type LockAttempt = { ok: true; lock: HeldLock } | { ok: false; holder: LockHolder };

interface LockContent {
  token: string;
  pid: number;
  host: string;
  /** Epoch ms when taken. */
  at: number;
}

interface Seen {
  content?: LockContent;
  mtimeMs: number;
}

export const DEFAULT_STALE_MS = 30_000;
export const DEFAULT_REFRESH_MS = 5_000;

/**
 * Takes the lock file at `path` without waiting (its folder must exist). Safe across processes without a runtime
 * dependency (the ideas of proper-lockfile):
 * - taken by hard-linking a complete temp file into place: link() fails if the lock exists, and a reader never
 *   sees a half-written lock;
 * - the holder refreshes the file's time while it holds it;
 * - stale when its holder is a dead process of this machine (a crash or SIGKILL: no waiting at all), or when it
 *   was not refreshed for staleMs (holder on another machine, reused pid); a file that names no holder (not
 *   written by this module) is judged by its age alone;
 * - a stale lock is broken by renaming it aside first, so of two processes breaking it at once only one wins;
 *   a holder that lost its lock finds out through stillHeld().
 */
export async function tryLock(path: string, options: FileLockOptions = {}): Promise<LockAttempt> {
  const host = options.host ?? hostname();
  const now = options.now ?? Date.now;
  const content: LockContent = { token: randomBytes(12).toString('hex'), pid: process.pid, host, at: now() };
  let holder: LockHolder = {};
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await create(path, content)) return { ok: true, lock: new FileHeldLock(path, content.token, options) };
    const seen = await read(path);
    if (!seen) continue; // released meanwhile: try again
    holder = { pid: seen.content?.pid, host: seen.content?.host };
    if (!isStale(seen, host, now(), options)) return { ok: false, holder };
    if (!(await breakStale(path, seen))) {
      // Someone else broke it first and holds it now: name them, not the dead holder.
      const current = await read(path);
      return { ok: false, holder: current?.content ? { pid: current.content.pid, host: current.content.host } : holder };
    }
  }
  return { ok: false, holder };
}

/**
 * A lock to run work under, waiting for another holder (polling) up to timeoutMs and then going on without it:
 * for work that is safe, only wasteful, when two run at once (a sign-in's renewal). Creates the folder (0700).
 */
export class FileLock {
  constructor(
    readonly path: string,
    private readonly options: FileLockOptions = {},
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const held = await this.acquire();
    try {
      return await work();
    } finally {
      await held?.release();
    }
  }

  /** The lock, or undefined when it waited too long and goes on without it. */
  private async acquire(): Promise<HeldLock | undefined> {
    await fs.mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + (this.options.timeoutMs ?? 30_000);
    for (;;) {
      const attempt = await tryLock(this.path, this.options);
      if (attempt.ok) return attempt.lock;
      if (Date.now() >= deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 100));
    }
  }
}

async function create(path: string, content: LockContent): Promise<boolean> {
  const temp = `${path}.${content.token}.new`;
  await fs.writeFile(temp, JSON.stringify(content), { mode: 0o600 });
  try {
    await fs.link(temp, path);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  } finally {
    await fs.unlink(temp).catch(() => undefined);
  }
}

async function read(path: string): Promise<Seen | undefined> {
  try {
    const [text, stat] = await Promise.all([fs.readFile(path, 'utf8'), fs.stat(path)]);
    return { content: parseContent(text), mtimeMs: stat.mtimeMs };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function parseContent(text: string): LockContent | undefined {
  try {
    const v = JSON.parse(text) as Partial<LockContent>;
    const ok = typeof v.token === 'string' && Number.isSafeInteger(v.pid) && typeof v.host === 'string' && typeof v.at === 'number';
    return ok ? (v as LockContent) : undefined;
  } catch {
    return undefined;
  }
}

function isStale(seen: Seen, host: string, now: number, options: FileLockOptions): boolean {
  const { content } = seen;
  if (content && content.host === host && content.pid !== process.pid && !(options.isAlive ?? pidAlive)(content.pid)) return true;
  return now - seen.mtimeMs > (options.staleMs ?? DEFAULT_STALE_MS);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, it is someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves the stale lock aside; true when what was moved is the lock judged stale (then it is gone for good). */
async function breakStale(path: string, seen: Seen): Promise<boolean> {
  const aside = `${path}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await fs.rename(path, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true; // someone else removed it
    throw err;
  }
  const moved = await read(aside);
  const same = moved !== undefined && moved.content?.token === seen.content?.token && (seen.content !== undefined || moved.mtimeMs === seen.mtimeMs);
  if (!same) {
    // A fresh lock was taken between our look and the rename: put it back (unless the place was taken again).
    await fs.link(aside, path).catch(() => undefined);
  }
  await fs.unlink(aside).catch(() => undefined);
  return same;
}

class FileHeldLock implements HeldLock {
  private readonly timer: NodeJS.Timeout;
  private lost = false;
  private released = false;

  constructor(
    private readonly path: string,
    private readonly token: string,
    options: FileLockOptions,
  ) {
    this.timer = setInterval(() => void this.refresh(), options.refreshMs ?? DEFAULT_REFRESH_MS);
    // A lock must never keep a CLI run alive after its work is done.
    this.timer.unref();
  }

  async stillHeld(): Promise<boolean> {
    if (!this.lost && !this.released && (await this.mine())) return true;
    this.lost = true;
    return false;
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    clearInterval(this.timer);
    if (!this.lost && (await this.mine())) await fs.unlink(this.path).catch(() => undefined);
  }

  private async refresh(): Promise<void> {
    if (this.released || this.lost) return;
    try {
      if (!(await this.mine())) {
        this.lost = true;
        return;
      }
      const t = new Date();
      await fs.utimes(this.path, t, t);
    } catch {
      // A failed refresh is retried at the next tick; stillHeld() reports a lost lock.
    }
  }

  private async mine(): Promise<boolean> {
    const seen = await read(this.path).catch(() => undefined);
    return seen?.content?.token === this.token;
  }
}
