import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { tryLock, type FileLockOptions } from '../../locks/FileLock';
import { parseRecord, type SessionRecord } from './SessionRecord';
import { recordLock, type RecordLockAttempt, type ResumeStore } from './ResumeStore';

/** Temp files and moved-aside locks older than this are debris of a crashed writer, in ms (1 h). */
const DEBRIS_AGE_MS = 60 * 60 * 1000;
const KEY = /^[0-9a-f]{32}$/;

/**
 * Resume records as one small JSON file each (`<key>.json`, mode 0600) in a folder of their own (mode 0700),
 * with a lock file beside each (locks/FileLock.ts, the lock sign-in renewals use too). The CLI keeps them in the
 * platform's state folder, the extension in its global storage: both are per user and per machine.
 *
 * A record is replaced by writing a temp file, flushing it to disk and renaming it over the old one: a reader
 * (or a process started after a crash or power cut) finds the old record or the new one, never a torn one. The
 * folder entry itself is not flushed: after a power cut the rename may be lost, which leaves the previous record
 * (one confirmed part fewer) and costs one part sent again, never a wrong upload.
 */
export class FileResumeStore implements ResumeStore {
  private ready?: Promise<unknown>;

  constructor(
    readonly dir: string,
    private readonly options: FileLockOptions = {},
  ) {}

  async lock(key: string): Promise<RecordLockAttempt> {
    await this.folder();
    const attempt = await tryLock(this.path(key, 'lock'), this.options);
    return attempt.ok ? { ok: true, lock: recordLock(attempt.lock) } : attempt;
  }

  async load(key: string): Promise<SessionRecord | undefined> {
    const path = this.path(key, 'json');
    let text: string;
    try {
      text = await fs.readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    let record: SessionRecord | undefined;
    try {
      record = parseRecord(JSON.parse(text));
    } catch {
      record = undefined;
    }
    if (!record || record.key !== key) {
      await fs.unlink(path).catch(() => undefined);
      return undefined;
    }
    return record;
  }

  async save(record: SessionRecord): Promise<void> {
    await this.folder();
    const path = this.path(record.key, 'json');
    const temp = join(this.dir, `.${record.key}.${randomBytes(6).toString('hex')}.tmp`);
    const file = await fs.open(temp, 'w', 0o600);
    try {
      await file.writeFile(JSON.stringify(record));
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await fs.rename(temp, path);
    } catch (err) {
      await fs.unlink(temp).catch(() => undefined);
      throw err;
    }
  }

  async remove(key: string): Promise<void> {
    await fs.unlink(this.path(key, 'json')).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err;
    });
  }

  async list(): Promise<SessionRecord[]> {
    const records: SessionRecord[] = [];
    for (const name of await this.names()) {
      const m = /^([0-9a-f]{32})\.json$/.exec(name);
      if (!m) continue;
      const record = await this.load(m[1]).catch(() => undefined);
      if (record) records.push(record);
    }
    return records;
  }

  async sweep(preparedBefore: number): Promise<number> {
    let removed = 0;
    for (const record of await this.list()) {
      if (record.preparedAt >= preparedBefore) continue;
      const attempt = await this.lock(record.key);
      if (!attempt.ok) continue; // being driven right now: its holder decides
      try {
        await this.remove(record.key);
        removed++;
      } finally {
        await attempt.lock.release();
      }
    }
    await this.removeDebris();
    return removed;
  }

  /** Temp files and moved-aside locks of crashed processes; lock files of records that are gone, once stale. */
  private async removeDebris(): Promise<void> {
    const names = await this.names();
    const now = Date.now();
    for (const name of names) {
      const full = join(this.dir, name);
      if (/\.(tmp|new|stale)$/.test(name)) {
        const stat = await fs.stat(full).catch(() => undefined);
        if (stat && now - stat.mtimeMs > DEBRIS_AGE_MS) await fs.unlink(full).catch(() => undefined);
        continue;
      }
      const lockOf = /^([0-9a-f]{32})\.lock$/.exec(name);
      if (lockOf && !names.includes(`${lockOf[1]}.json`)) {
        // Taking it proves it stale (or free); releasing it removes it.
        const attempt = await tryLock(full, this.options).catch(() => undefined);
        if (attempt?.ok) await attempt.lock.release();
      }
    }
  }

  private async names(): Promise<string[]> {
    try {
      return await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
  }

  private folder(): Promise<unknown> {
    this.ready ??= fs.mkdir(this.dir, { recursive: true, mode: 0o700 }).catch((err: unknown) => {
      this.ready = undefined;
      throw err;
    });
    return this.ready;
  }

  private path(key: string, ext: 'json' | 'lock'): string {
    // Keys are hashes (sessionKey); anything else must never become a path.
    if (!KEY.test(key)) throw new RangeError(`not a session key: ${key}`);
    return join(this.dir, `${key}.${ext}`);
  }
}
