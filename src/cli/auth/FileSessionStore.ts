import { chmod, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseSession, type SessionStore, type StoredSession } from '../../core';

/**
 * A sign-in in a file only its owner can read (mode 0600, in a 0700 folder), for machines without a reachable
 * keychain (headless Linux, CI). Written to a temporary file and renamed over the old one, so the new refresh
 * token is on disk before the old one is gone and a crash leaves one or the other, never half of each.
 */
export class FileSessionStore implements SessionStore {
  constructor(readonly path: string) {}

  async load(): Promise<StoredSession | undefined> {
    const text = await readFile(this.path, 'utf8').catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return undefined;
      throw err;
    });
    return parseSession(text);
  }

  async save(session: StoredSession): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(session), { mode: 0o600 });
    // writeFile's mode applies only when it creates the file, and the umask can narrow it further: set it.
    await chmod(temp, 0o600);
    await rename(temp, this.path);
  }

  async clear(): Promise<void> {
    await rm(this.path, { force: true });
  }

  /** True when others than the owner may read the file (someone changed its mode). */
  async readableByOthers(): Promise<boolean> {
    const info = await stat(this.path).catch(() => undefined);
    return info !== undefined && process.platform !== 'win32' && (info.mode & 0o077) !== 0;
  }
}
