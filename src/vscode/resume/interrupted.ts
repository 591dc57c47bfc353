import { basename } from 'node:path';
import { confirmedBytes, isResumable, type Identity, type SessionRecord, type Translate } from '../../core';
import type { Destination } from '../folders/askFolder';
import type { BatchFile } from '../upload/batch';
import { nameList } from '../upload/summary';

/** What stat() says of a file now, or undefined when it is gone. */
export type StatFile = (path: string) => Promise<{ size: number; mtimeMs: number } | undefined>;

/**
 * The interrupted uploads worth offering at start-up: this identity's (the engines' identity: a signed-in user's
 * open_id, the App ID, or a pasted token's fingerprint; another one's would be refused with 1062007), into a Drive
 * folder, still resumable, not offered before (by this window or another), whose file is still on disk unchanged
 * (size and modification time; the first block is checked again when the upload continues).
 */
export async function offerable(records: readonly SessionRecord[], identity: Identity, now: number, stat: StatFile): Promise<SessionRecord[]> {
  const out: SessionRecord[] = [];
  for (const r of records) {
    // An upload_all record keeps no parts: nothing to offer (uploading the file again looks in the folder first).
    // Media records are not the extension's: its document uploads are not recorded (their block exists for that
    // one call), and only the CLI uploads media by --parent-type, into its own store. A record with a file token
    // was stored, not interrupted (the window closed before the history had it): the next upload of it says so.
    if (r.method !== 'multipart' || r.target.api !== 'files' || r.offeredAt !== undefined || r.fileToken !== undefined) continue;
    if (r.identity.kind !== identity.kind || r.identity.id !== identity.id || !isResumable(r, now)) continue;
    const s = await stat(r.file.path);
    if (s && s.size === r.file.size && s.mtimeMs === r.file.mtimeMs) out.push(r);
  }
  return out;
}

/**
 * Where the record's upload was going, as the upload flow takes it: the folder it was uploading into (My Space by
 * its real token), named by its token (the record keeps no folder name).
 */
export function destinationOf(record: SessionRecord): Destination {
  return { folderToken: record.target.parentNode, label: record.target.parentNode };
}

/** Records grouped by folder, as batches for the upload flow (one notification per folder). */
export function batchesOf(records: readonly SessionRecord[]): { destination: Destination; files: BatchFile[] }[] {
  const groups = new Map<string, { destination: Destination; files: BatchFile[] }>();
  for (const r of records) {
    const key = r.target.parentNode;
    const group = groups.get(key) ?? { destination: destinationOf(r), files: [] };
    group.files.push({ path: r.file.path, name: basename(r.file.path), size: r.file.size });
    groups.set(key, group);
  }
  return [...groups.values()];
}

/** "big.iso was interrupted at 48 %." / "2 uploads were interrupted: a.iso (48 %), b.zip (3 %)." */
export function offerText(records: readonly SessionRecord[], t: Translate): string {
  const pct = (r: SessionRecord): number => Math.min(99, Math.floor((confirmedBytes(r) * 100) / r.file.size));
  if (records.length === 1) return t('An upload to Feishu was interrupted: {0} at {1} %. Resume sends only the rest.', basename(records[0].file.path), pct(records[0]));
  const names = nameList(records.map((r) => `${basename(r.file.path)} (${pct(r)} %)`), t);
  return t('{0} uploads to Feishu were interrupted: {1}. Resume sends only the rest.', records.length, names);
}
