import { FeishuError } from '../../errors/FeishuError';
import type { HeldLock, LockHolder } from '../../locks/FileLock';
import type { SessionRecord } from './SessionRecord';

/** An exclusive hold on one record: no other process (or other upload in this one) drives it meanwhile. */
export interface RecordLock {
  /** Rejects with UPLOAD_IN_PROGRESS when another process has taken the record over (its lock was judged stale). */
  check(): Promise<void>;
  release(): Promise<void>;
}

/** `ok: false` names who holds the record (for the "already being uploaded" message). */
export type RecordLockAttempt = { ok: true; lock: RecordLock } | { ok: false; holder: LockHolder };

/** A file lock (locks/FileLock.ts) as a record's lock: losing it to another process stops the upload. */
export function recordLock(held: HeldLock): RecordLock {
  return {
    check: async () => {
      if (!(await held.stillHeld())) throw new FeishuError({ code: 'UPLOAD_IN_PROGRESS', detail: 'Another window or process took this upload over.' });
    },
    release: () => held.release(),
  };
}

/**
 * Where resume records live: a port, so the core stays free of where that is (a state folder for the CLI, the
 * extension's global storage, memory in tests). Readers never see a half-written record.
 */
export interface ResumeStore {
  /** Takes the record's lock without waiting; `ok: false` names the holder. */
  lock(key: string): Promise<RecordLockAttempt>;
  /** The record, or undefined (none, or unreadable: an unreadable one is removed). */
  load(key: string): Promise<SessionRecord | undefined>;
  /** Replaces the record atomically (a reader sees the old one or the new one). */
  save(record: SessionRecord): Promise<void>;
  remove(key: string): Promise<void>;
  /** Every readable record. */
  list(): Promise<SessionRecord[]>;
  /**
   * Removes records whose upload_id is dead (prepared before `preparedBefore`, epoch ms), skipping locked ones,
   * and the debris of crashed writers. Returns how many records went.
   */
  sweep(preparedBefore: number): Promise<number>;
}
