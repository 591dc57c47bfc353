import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RenewalLock } from './UserSession';

export interface FileLockOptions {
  /** A lock file older than this is left over from a crash and is broken, in ms. Default 60 000. */
  staleMs?: number;
  /** How often to try again while another holder has it, in ms. Default 100. */
  pollMs?: number;
  /**
   * Give up waiting after this long and go on without the lock, in ms. Default 30 000. Renewing without it is
   * still safe: a refresh token spent by the other holder (20073) makes this one read the other's new pair.
   */
  timeoutMs?: number;
}

/**
 * A lock between processes on one machine (CLI runs, VS Code windows): a file created with O_EXCL holding the
 * holder's pid, removed when the work is done. A file whose pid is gone, or that is older than staleMs, is
 * taken over. As larksuite/cli does around its refresh (docs/feishu/auth.md §14).
 */
export class FileLock implements RenewalLock {
  constructor(
    readonly path: string,
    private readonly options: FileLockOptions = {},
  ) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const held = await this.acquire();
    try {
      return await work();
    } finally {
      if (held) await unlink(this.path).catch(() => undefined);
    }
  }

  /** True when this process now holds the lock; false when it waited too long and goes on without it. */
  private async acquire(): Promise<boolean> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const deadline = Date.now() + (this.options.timeoutMs ?? 30_000);
    for (;;) {
      try {
        const handle = await open(this.path, 'wx', 0o600);
        try {
          await handle.writeFile(`${process.pid}\n`);
        } finally {
          await handle.close();
        }
        return true;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      if (await this.stale()) {
        await unlink(this.path).catch(() => undefined);
        continue;
      }
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, this.options.pollMs ?? 100));
    }
  }

  private async stale(): Promise<boolean> {
    const info = await stat(this.path).catch(() => undefined);
    if (!info) return false;
    if (Date.now() - info.mtimeMs > (this.options.staleMs ?? 60_000)) return true;
    const pid = Number((await readFile(this.path, 'utf8').catch(() => '')).trim());
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      // ESRCH: no such process. EPERM: it exists, owned by someone else.
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
}

/** Text made safe as a file name (App IDs are `cli_` + hex, but a changed format must not leave the folder). */
export function fileSafe(text: string): string {
  return text.replace(/[^A-Za-z0-9_.@-]/g, '_');
}

/** The lock that serialises renewals of one app's sign-in: `<dir>/renew-<App ID>.lock`. */
export function renewalLock(dir: string, appId: string): FileLock {
  return new FileLock(join(dir, `renew-${fileSafe(appId)}.lock`));
}
