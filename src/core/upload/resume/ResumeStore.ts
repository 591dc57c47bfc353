import type { SessionRecord } from './SessionRecord';

/** Who holds a record's lock, as far as the store can tell: named in the "already being uploaded" message. */
export interface LockHolder {
  pid?: number;
  host?: string;
}

/** An exclusive hold on one record: no other process (or other upload in this one) drives it meanwhile. */
export interface SessionLock {
  /** Rejects with UPLOAD_IN_PROGRESS when another process has taken the record over (its lock was judged stale). */
  check(): Promise<void>;
  release(): Promise<void>;
}

export type LockAttempt = { ok: true; lock: SessionLock } | { ok: false; holder: LockHolder };

/**
 * Where resume records live: a port, so the core stays free of where that is (a state folder for the CLI, the
 * extension's global storage, memory in tests). Readers never see a half-written record.
 */
export interface ResumeStore {
  /** Takes the record's lock without waiting; `ok: false` names the holder. */
  lock(key: string): Promise<LockAttempt>;
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
