// Multipart upload sessions (upload_prepare → upload_part × N → upload_finish), keyed by upload_id.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newUploadId } from './ids';
import { MemoryPartStore, TempFilePartStore, type PartStore } from './partStores';
import type { UploadEndpointFamily } from './types';
import { UploadBytes } from './UploadBytes';

export interface SessionTarget {
  family: UploadEndpointFamily;
  fileName: string;
  parentType: string;
  parentNode: string;
  extra?: string;
  /** Bytes of the whole file. */
  size: number;
  /** Who called prepare; part and finish must come from the same identity (else 1062007). */
  identity: string;
}

export interface Session extends SessionTarget {
  uploadId: string;
  blockSize: number;
  blockNum: number;
  /** Epoch ms after which the upload_id answers 1061021. */
  expiresAt: number;
  expired: boolean;
  parts: PartStore;
  /** File bytes of the distinct parts stored so far. */
  heldBytes: number;
}

export type Lookup = { ok: true; session: Session } | { ok: false; code: 1061002 | 1061021 };

export class UploadSessions {
  private readonly sessions = new Map<string, Session>();
  private finishedCount = 0;
  private tempDir: Promise<string> | undefined;

  constructor(
    private readonly blockSize: number,
    private readonly ttlMs: number,
    private readonly keepBytes: boolean,
    private readonly bytes: UploadBytes = new UploadBytes(),
    private readonly now: () => number = Date.now,
  ) {}

  async create(target: SessionTarget): Promise<Session> {
    let uploadId = newUploadId();
    while (this.sessions.has(uploadId)) uploadId = newUploadId();
    const parts: PartStore = this.keepBytes
      ? new MemoryPartStore()
      : new TempFilePartStore(join(await this.directory(), `${uploadId}.part`), this.blockSize);
    const session: Session = {
      ...target,
      uploadId,
      blockSize: this.blockSize,
      blockNum: Math.ceil(target.size / this.blockSize),
      expiresAt: this.now() + this.ttlMs,
      expired: false,
      parts,
      heldBytes: 0,
    };
    this.sessions.set(uploadId, session);
    return session;
  }

  /** Unknown (or already finished) ids are a params error; expired ones stay known and answer 1061021. */
  lookup(uploadId: string): Lookup {
    const session = this.sessions.get(uploadId);
    if (!session) return { ok: false, code: 1061002 };
    if (!session.expired && session.expiresAt <= this.now()) this.expire(session);
    return session.expired ? { ok: false, code: 1061021 } : { ok: true, session };
  }

  /** Bytes block `seq` must have: block_size, the last one the remainder. */
  static expectedPartSize(session: Session, seq: number): number {
    return seq < session.blockNum - 1 ? session.blockSize : session.size - session.blockSize * (session.blockNum - 1);
  }

  /** Stores (or stores again) block `seq`, counting its bytes as first-time or duplicate. */
  async storePart(session: Session, seq: number, data: Buffer): Promise<void> {
    const again = session.parts.has(seq);
    await session.parts.put(seq, data);
    if (again) {
      this.bytes.duplicate += data.length;
    } else {
      this.bytes.stored += data.length;
      session.heldBytes += data.length;
    }
  }

  /** Closes the session after a successful finish: the upload_id is unknown from now on. */
  close(session: Session): void {
    this.sessions.delete(session.uploadId);
    this.finishedCount++;
  }

  expire(session: Session): void {
    session.expired = true;
    this.bytes.expired += session.heldBytes;
    void session.parts.discard();
  }

  expireAll(): void {
    for (const session of this.sessions.values()) if (!session.expired) this.expire(session);
  }

  counts(): { open: number; finished: number; expired: number; openBytes: number } {
    let open = 0;
    let expired = 0;
    let openBytes = 0;
    const now = this.now();
    for (const session of this.sessions.values()) {
      if (session.expired || session.expiresAt <= now) expired++;
      else {
        open++;
        openBytes += session.heldBytes;
      }
    }
    return { open, finished: this.finishedCount, expired, openBytes };
  }

  /** Forgets every session and frees its storage. */
  async clear(): Promise<void> {
    const stores = [...this.sessions.values()].map((session) => session.parts.discard());
    this.sessions.clear();
    this.finishedCount = 0;
    await Promise.all(stores);
  }

  /** Also removes the temp directory; used by close(). */
  async dispose(): Promise<void> {
    await this.clear();
    if (this.tempDir) await rm(await this.tempDir, { recursive: true, force: true });
  }

  private directory(): Promise<string> {
    this.tempDir ??= mkdtemp(join(tmpdir(), 'feishu-emulator-'));
    return this.tempDir;
  }
}
