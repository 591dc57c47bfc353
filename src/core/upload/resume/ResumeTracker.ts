import { createHash } from 'node:crypto';
import { FeishuError } from '../../errors/FeishuError';
import type { Identity } from '../../feishu/identity';
import type { FileSource } from '../FileSource';
import {
  confirmedBytes,
  expiresAt,
  HEAD_BYTES,
  isResumable,
  RESUME_MARGIN_MS,
  sameFingerprint,
  sessionKey,
  UPLOAD_ID_LIFE_MS,
  type FileFingerprint,
  type SessionRecord,
  type SessionTarget,
} from './SessionRecord';
import type { RecordLock, ResumeStore } from './ResumeStore';

/**
 * How an upload treats an earlier interrupted one of the same file to the same place:
 * - 'auto': continue it when it can be, and record this one (default);
 * - 'restart': forget it and start over, but record this one (CLI --no-resume);
 * - 'off': neither (uploads whose target exists only for this call, like a document's new block).
 */
export type ResumeMode = 'auto' | 'restart' | 'off';

/** Why an earlier record was not continued. */
export type StartOverReason =
  /** The file's size, modification time or first block differ from when it was interrupted. */
  | 'changed'
  /** Its upload_id is dead or about to be (24 h after prepare, minus the margin). */
  | 'expired'
  /** The caller asked to start over. */
  | 'requested'
  /** Feishu no longer accepts the upload_id (1061021, 1062007, unknown id, missing blocks). */
  | 'refused';

/** An interrupted upload about to be continued. */
export interface ResumeInfo {
  /** 1-based number of the first part still to send; parts + 1 when only the finish is left. */
  fromPart: number;
  parts: number;
  /** Bytes Feishu already holds. */
  skippedBytes: number;
}

/** What stays for later after an upload stopped without finishing (cancelled, or the network gave out). */
export interface KeptUpload {
  name: string;
  confirmedParts: number;
  parts: number;
  confirmedBytes: number;
  totalBytes: number;
  /** Epoch ms after which it cannot be continued. */
  resumableUntil: number;
}

export interface ResumeSettings {
  store: ResumeStore;
  /** Who uploads: records of one identity are never continued by another (Feishu would answer 1062007). */
  identity: Identity;
  /** Life of an upload_id, in ms. Default UPLOAD_ID_LIFE_MS (24 h); shorter in tests. */
  lifeMs?: number;
  /** Continue only with at least this much life left, in ms. Default RESUME_MARGIN_MS (1 h). */
  marginMs?: number;
  /** Epoch ms; for tests. Default Date.now. */
  now?: () => number;
  /** A store that cannot be written does not stop an upload: it is reported here and the upload goes on untracked. */
  onWarning?: (message: string) => void;
}

/** Opens the record of one upload: lock, look at what an earlier run left, decide. One per Uploader. */
export class ResumeTracker {
  constructor(private readonly settings: ResumeSettings) {}

  get lifeMs(): number {
    return this.settings.lifeMs ?? UPLOAD_ID_LIFE_MS;
  }

  now(): number {
    return (this.settings.now ?? Date.now)();
  }

  /**
   * The tracked upload of `source` to `target`, or undefined when it cannot be tracked (bytes without a file,
   * mode 'off', a store that does not work). Throws UPLOAD_IN_PROGRESS when another process drives it.
   */
  async open(source: FileSource, target: SessionTarget, mode: ResumeMode): Promise<TrackedUpload | undefined> {
    if (mode === 'off' || source.path === undefined || source.mtimeMs === undefined) return undefined;
    const { store, identity } = this.settings;
    const head = await source.read(0, Math.min(HEAD_BYTES, source.size));
    const file: FileFingerprint = { path: source.path, size: source.size, mtimeMs: source.mtimeMs, head: createHash('sha256').update(head).digest('hex') };
    const key = sessionKey(identity, target, file.path, source.name);
    let lock: RecordLock;
    let previous: SessionRecord | undefined;
    try {
      const attempt = await store.lock(key);
      if (!attempt.ok) {
        const who = attempt.holder.pid === undefined ? '' : `, held by process ${attempt.holder.pid}${attempt.holder.host ? ` on ${attempt.holder.host}` : ''}`;
        throw new FeishuError({ code: 'UPLOAD_IN_PROGRESS', detail: `${JSON.stringify(source.name)}${who}.` });
      }
      lock = attempt.lock;
      previous = await store.load(key);
    } catch (err) {
      if (err instanceof FeishuError) throw err;
      this.warn(`Resume records cannot be used (${String(err)}); ${source.name} is uploaded without one.`);
      return undefined;
    }
    let startOver: StartOverReason | undefined;
    if (previous) {
      const now = this.now();
      if (mode === 'restart') startOver = 'requested';
      else if (!sameFingerprint(previous.file, file)) startOver = 'changed';
      else if (!isResumable(previous, now, this.lifeMs, this.settings.marginMs ?? RESUME_MARGIN_MS)) startOver = 'expired';
    }
    const tracked = new TrackedUpload(this, store, lock, key, source.name, file, target, identity, startOver ? undefined : previous, startOver);
    if (startOver) await tracked.discard();
    return tracked;
  }

  warn(message: string): void {
    this.settings.onWarning?.(message);
  }
}

/** One upload's record, held under its lock until release(). */
export class TrackedUpload {
  private record?: SessionRecord;
  /** Set once the store failed: the upload goes on, untracked. */
  private broken = false;

  constructor(
    private readonly tracker: ResumeTracker,
    private readonly store: ResumeStore,
    private readonly lock: RecordLock,
    private readonly key: string,
    private readonly name: string,
    private readonly file: FileFingerprint,
    private readonly target: SessionTarget,
    private readonly identity: Identity,
    /** The earlier record to continue, if any. */
    private earlier: SessionRecord | undefined,
    /** Why an earlier record was dropped, if one was. */
    readonly startOver: StartOverReason | undefined,
  ) {
    this.record = earlier;
  }

  /** The earlier record to continue, if any. */
  get previous(): SessionRecord | undefined {
    return this.earlier;
  }

  /** What the earlier record describes is gone (a stored file deleted since): it goes, and this upload starts anew. */
  async startAfresh(): Promise<void> {
    this.earlier = undefined;
    await this.discard();
  }

  /** upload_prepare answered: from now on the upload can be continued. */
  async prepared(uploadId: string, blockSize: number, blockNum: number, serverTime?: number): Promise<void> {
    await this.write(this.fresh('multipart', uploadId, blockSize, blockNum, serverTime));
  }

  /** upload_all is about to leave (serverTime: Feishu's clock now, when known): from now on the file may exist. */
  async sendingAll(serverTime?: number): Promise<void> {
    await this.write(this.fresh('all', '', this.file.size, 1, serverTime));
  }

  private fresh(method: SessionRecord['method'], uploadId: string, blockSize: number, blockNum: number, serverTime: number | undefined): SessionRecord {
    const now = this.tracker.now();
    return {
      version: 1,
      method,
      key: this.key,
      name: this.name,
      file: this.file,
      target: this.target,
      identity: this.identity,
      uploadId,
      blockSize,
      blockNum,
      confirmed: [],
      preparedAt: now,
      serverPreparedAt: serverTime,
      updatedAt: now,
    };
  }

  /** Feishu confirmed part `seq`: written before the next part leaves, so a crash costs at most one part. */
  async confirmed(seq: number): Promise<void> {
    const r = this.record;
    if (!r || r.confirmed.includes(seq)) return;
    await this.write({ ...r, confirmed: [...r.confirmed, seq].sort((a, b) => a - b), updatedAt: this.tracker.now() });
  }

  /** Just before upload_finish leaves: from now on the file may exist even if no answer comes back. */
  async finishing(): Promise<void> {
    const r = this.record;
    if (r) await this.write({ ...r, finishSentAt: this.tracker.now(), updatedAt: this.tracker.now() });
  }

  /**
   * The upload is done and `fileToken` stored, but not reported yet: the record stays, saying so, until the
   * caller reported it (forget) — a run killed in between is answered by the next one with that file.
   */
  async stored(fileToken: string): Promise<void> {
    const r = this.record;
    if (r && r.fileToken !== fileToken) await this.write({ ...r, fileToken, updatedAt: this.tracker.now() });
  }

  /**
   * The stored upload was reported: the record goes. After release(): the lock is no longer held, and need not be
   * (another run that took the record meanwhile can only report the same file).
   */
  async forget(): Promise<void> {
    this.record = undefined;
    if (this.broken) return;
    await this.store.remove(this.key).catch((err: unknown) => this.tracker.warn(`Could not remove the resume record of ${this.name}: ${String(err)}`));
  }

  /** The upload is done, or can never be continued: the record goes. */
  async discard(): Promise<void> {
    this.record = undefined;
    if (this.broken) return;
    try {
      await this.lock.check();
      await this.store.remove(this.key);
    } catch (err) {
      if (err instanceof FeishuError) throw err;
      this.fail(err);
    }
  }

  /** What is kept for later, after the upload stopped unfinished; undefined when nothing is. */
  kept(): KeptUpload | undefined {
    const r = this.record;
    if (!r || this.broken || r.method !== 'multipart') return undefined;
    return {
      name: r.name,
      confirmedParts: r.confirmed.length,
      parts: r.blockNum,
      confirmedBytes: confirmedBytes(r),
      totalBytes: r.file.size,
      resumableUntil: expiresAt(r, this.tracker.lifeMs),
    };
  }

  /** Releases the lock; the record stays as last written. */
  async release(): Promise<void> {
    await this.lock.release().catch((err: unknown) => this.tracker.warn(`Could not release the lock of ${this.name}'s resume record: ${String(err)}`));
  }

  private async write(record: SessionRecord): Promise<void> {
    this.record = record;
    if (this.broken) return;
    try {
      // A lock judged stale and taken over elsewhere (UPLOAD_IN_PROGRESS) stops this upload here.
      await this.lock.check();
      await this.store.save(record);
    } catch (err) {
      if (err instanceof FeishuError) throw err;
      this.fail(err);
    }
  }

  private fail(err: unknown): void {
    this.broken = true;
    this.tracker.warn(`Could not write the resume record of ${this.name} (${String(err)}); the upload goes on, but cannot be continued if interrupted.`);
  }
}
