import { createHash } from 'node:crypto';
import type { Identity } from '../../feishu/identity';
import type { UploadApi } from '../../feishu/wire';

/**
 * An upload_id lives 24 hours after upload_prepare, and the parts Feishu received stay with it
 * (docs/feishu/upload.md §8). A record older than that can only lead to 1061021.
 */
export const UPLOAD_ID_LIFE_MS = 24 * 60 * 60 * 1000;

/**
 * A record is continued only while at least this much of the upload_id's life is left, in ms (default 1 h):
 * enough for the rest of a large file at 5 parts per second (1 h ≈ 18 000 parts ≈ 70 GiB), so a resumed upload
 * does not run into the expiry half-way and send its parts twice.
 */
export const RESUME_MARGIN_MS = 60 * 60 * 1000;

/** What identifies the bytes of a local file well enough to trust parts sent earlier (see tus fileSignature). */
export interface FileFingerprint {
  /** Absolute path. */
  readonly path: string;
  /** Bytes. */
  readonly size: number;
  /** Modification time, epoch ms. */
  readonly mtimeMs: number;
  /**
   * SHA-256 (hex) of the first HEAD_BYTES of the file: a file rewritten with the same size within the mtime
   * resolution (or with its mtime restored) is still noticed when its start changed.
   */
  readonly head: string;
}

/** How many bytes of the file's start go into the fingerprint: one Feishu block (4 MiB). */
export const HEAD_BYTES = 4 * 1024 * 1024;

/** Where the upload goes, as upload_prepare was told. */
export interface SessionTarget {
  readonly api: UploadApi;
  readonly parentType: string;
  readonly parentNode: string;
  readonly extra?: string;
}

/**
 * One upload that may be continued: written atomically after prepare and after every part Feishu confirmed.
 * Never holds a token: the identity is an app id or a user's id (see identity.ts).
 *
 * An upload_all to a folder is recorded too (method 'all', no upload_id, one block), just before it is sent:
 * its answer can be lost like a finish's (a cut connection, a killed process), and the next run then looks in
 * the folder before sending the file a second time.
 */
export interface SessionRecord {
  readonly version: 1;
  readonly method: 'multipart' | 'all';
  /** sessionKey() of identity, target, path and name: the file name in a store. */
  readonly key: string;
  /** file_name sent to Feishu. */
  readonly name: string;
  readonly file: FileFingerprint;
  readonly target: SessionTarget;
  readonly identity: Identity;
  /** From prepare; '' for method 'all'. */
  readonly uploadId: string;
  /** block_size and block_num as upload_prepare answered. */
  readonly blockSize: number;
  readonly blockNum: number;
  /** seqs Feishu answered with success, ascending. */
  readonly confirmed: readonly number[];
  /**
   * When prepare answered (method 'all': when upload_all left), epoch ms by this machine's clock: the upload_id's
   * life counts from here.
   */
  readonly preparedAt: number;
  /**
   * The same moment by Feishu's clock (the answer's HTTP Date header), epoch ms, when it sent one: a file found
   * in the folder is compared with this, so a skewed local clock cannot pass an older file off as this upload.
   */
  readonly serverPreparedAt?: number;
  /** Set just before upload_finish is sent: from then on the file may exist even if no answer came. */
  readonly finishSentAt?: number;
  /**
   * The stored file's token: the upload is done, but the run that did it has not reported it yet (Feishu's link
   * is still being fetched, or the report waits for the rest of its group). A run killed in between leaves this,
   * and the next run of the same upload reports that file instead of storing it again (Uploader.reported).
   */
  readonly fileToken?: string;
  /** When a VS Code window offered this interrupted upload at start-up (offered once, across windows). */
  readonly offeredAt?: number;
  readonly updatedAt: number;
}

/** The key of a record: one per file path, name, target and identity. 32 hex digits. */
export function sessionKey(identity: Identity, target: SessionTarget, path: string, name: string): string {
  const parts = [identity.kind, identity.id, target.api, target.parentType, target.parentNode, target.extra ?? '', path, name];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

export function sameFingerprint(a: FileFingerprint, b: FileFingerprint): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs && a.head === b.head;
}

/** Epoch ms after which the record's upload_id is dead. */
export function expiresAt(record: Pick<SessionRecord, 'preparedAt'>, lifeMs = UPLOAD_ID_LIFE_MS): number {
  return record.preparedAt + lifeMs;
}

/** True while enough of the upload_id's life is left to continue it (see RESUME_MARGIN_MS). */
export function isResumable(record: Pick<SessionRecord, 'preparedAt'>, now: number, lifeMs = UPLOAD_ID_LIFE_MS, marginMs = RESUME_MARGIN_MS): boolean {
  return now >= record.preparedAt - 60_000 && expiresAt(record, lifeMs) - now > marginMs;
}

/** Bytes of the confirmed parts (the last block may be shorter). */
export function confirmedBytes(record: Pick<SessionRecord, 'confirmed' | 'blockSize' | 'blockNum' | 'file'>): number {
  let bytes = 0;
  for (const seq of record.confirmed) bytes += seq === record.blockNum - 1 ? record.file.size - record.blockSize * seq : record.blockSize;
  return bytes;
}

/**
 * A record read back from storage, or undefined when it is not one (another version, a torn or edited file):
 * such a record is dropped, never guessed at.
 */
export function parseRecord(value: unknown): SessionRecord | undefined {
  if (!isObject(value) || value.version !== 1) return undefined;
  const { file, target, identity } = value;
  const all = value.method === 'all';
  const ok =
    (all || value.method === 'multipart') &&
    isHex(value.key) &&
    isText(value.name) &&
    isObject(file) &&
    isText(file.path) &&
    isCount(file.size) &&
    typeof file.mtimeMs === 'number' &&
    Number.isFinite(file.mtimeMs) &&
    isHex(file.head) &&
    isObject(target) &&
    (target.api === 'files' || target.api === 'medias') &&
    isText(target.parentType) &&
    typeof target.parentNode === 'string' &&
    (target.extra === undefined || typeof target.extra === 'string') &&
    isObject(identity) &&
    (identity.kind === 'app' || identity.kind === 'user') &&
    isText(identity.id) &&
    (all ? value.uploadId === '' && value.blockNum === 1 : isText(value.uploadId)) &&
    isCount(value.blockSize) &&
    isCount(value.blockNum) &&
    (value.blockNum as number) === Math.ceil((file.size as number) / (value.blockSize as number)) &&
    Array.isArray(value.confirmed) &&
    value.confirmed.every((s) => Number.isSafeInteger(s) && s >= 0 && s < (value.blockNum as number)) &&
    isTime(value.preparedAt) &&
    isTime(value.updatedAt) &&
    [value.serverPreparedAt, value.finishSentAt, value.offeredAt].every((t) => t === undefined || isTime(t)) &&
    (value.fileToken === undefined || isText(value.fileToken));
  return ok ? (value as unknown as SessionRecord) : undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function isText(v: unknown): v is string {
  return typeof v === 'string' && v !== '';
}
function isHex(v: unknown): boolean {
  return typeof v === 'string' && /^[0-9a-f]{16,64}$/.test(v);
}
function isCount(v: unknown): boolean {
  return Number.isSafeInteger(v) && (v as number) > 0;
}
function isTime(v: unknown): boolean {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}
