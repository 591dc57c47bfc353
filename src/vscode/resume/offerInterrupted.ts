import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { identityOf, UPLOAD_ID_LIFE_MS, type SessionRecord, type ResumeStore } from '../../core';
import type { Services } from '../services/services';
import { uploadFiles } from '../upload/uploadFlow';
import { batchesOf, offerable, offerText, type StatFile } from './interrupted';

const statFile: StatFile = async (path) => {
  const s = await fs.stat(path).catch(() => undefined);
  return s?.isFile() ? { size: s.size, mtimeMs: s.mtimeMs } : undefined;
};

/**
 * At start-up: interrupted uploads younger than 24 h are offered once, "2 uploads were interrupted: Resume /
 * Discard". Each is claimed under its lock (marked offered), so two windows starting together do not both ask,
 * and one being uploaded right now in another window is left alone. Not answering keeps them: uploading the
 * file again resumes it, and a record whose upload_id died is swept.
 */
export async function offerInterruptedUploads(services: Services): Promise<void> {
  const store = services.resumeStore;
  await store.sweep(Date.now() - UPLOAD_ID_LIFE_MS);
  // Who uploads act as now (feishu.identity over what is stored): the identity the engines record uploads under.
  const connection = await services.auth.connection();
  if (!connection) return;
  const candidates = await offerable(await store.list(), identityOf(connection.credentials), Date.now(), statFile);
  const claimed: SessionRecord[] = [];
  for (const record of candidates) {
    const mine = await claim(store, record.key);
    if (mine) claimed.push(mine);
  }
  if (claimed.length === 0) return;
  const t = services.t;
  services.log.info(`offering ${claimed.length} interrupted upload(s): ${claimed.map((r) => r.file.path).join(', ')}`);
  const resume = t('Resume');
  const discard = t('Discard');
  const pick = await vscode.window.showInformationMessage(offerText(claimed, t), resume, discard);
  if (pick === resume) {
    for (const batch of batchesOf(claimed)) await uploadFiles(services, { files: batch.files, folders: [] }, batch.destination, undefined);
  } else if (pick === discard) {
    let removed = 0;
    for (const record of claimed) if (await discardRecord(store, record.key)) removed++;
    services.log.info(`discarded ${removed} interrupted upload(s)`);
    vscode.window.setStatusBarMessage(t('Interrupted uploads discarded: {0}.', removed), 3000);
  }
}

/** Marks the record offered, under its lock; undefined when another window holds it or already offered it. */
async function claim(store: ResumeStore, key: string): Promise<SessionRecord | undefined> {
  const attempt = await store.lock(key);
  if (!attempt.ok) return undefined;
  try {
    const record = await store.load(key);
    if (!record || record.offeredAt !== undefined) return undefined;
    const offered = { ...record, offeredAt: Date.now() };
    await store.save(offered);
    return offered;
  } finally {
    await attempt.lock.release();
  }
}

async function discardRecord(store: ResumeStore, key: string): Promise<boolean> {
  const attempt = await store.lock(key);
  if (!attempt.ok) return false; // being uploaded right now in another window: not ours to drop
  try {
    await store.remove(key);
    return true;
  } finally {
    await attempt.lock.release();
  }
}
