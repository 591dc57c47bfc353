import { FeishuError } from '../../errors/FeishuError';
import type { DriveApi } from '../../feishu/drive';
import { withRetry, type RetryContext } from '../../limits/retry';

/** What the check needs of Drive: one listing page at a time, in an order (DriveApi, paced per app). */
export type FolderPages = Pick<DriveApi, 'listPage'>;

/**
 * How far this machine's clock may be off Feishu's when Feishu's answer to prepare carried no Date header, in
 * ms (60 s). Only then is the local clock used to tell this upload's file from an older one of the same name.
 */
export const LOCAL_CLOCK_SKEW_MS = 60_000;

/** How long to wait before looking in the folder a second time, in ms: a listing may lag a finished upload. */
export const RELIST_DELAY_MS = 2000;

/** A folder holds at most 1 500 items per level (docs/feishu/drive.md §4): 8 pages of 200 cover it. */
const MAX_PAGES = 8;

export interface FinishedFileQuery {
  folderToken: string;
  name: string;
  /** Bytes; compared when the listing carries a size (it is not documented to). */
  size: number;
  /** When prepare was answered: by Feishu's clock when known, else by ours (see LOCAL_CLOCK_SKEW_MS). */
  serverPreparedAt?: number;
  localPreparedAt: number;
  /** Only this file counts (the token an earlier run stored it under), when known. */
  token?: string;
  signal?: AbortSignal;
}

/**
 * After an upload_finish whose answer was lost: the token of a file of this name in the folder created since
 * the upload's prepare (newest first), or undefined. A Drive listing carries no size and no checksum
 * (docs/feishu/drive.md §3.2): name, type, folder and creation time are what can be checked.
 */
export async function findFinishedFile(drive: FolderPages, q: FinishedFileQuery): Promise<string | undefined> {
  // created_time has 1 s resolution, like the Date header: a file created in the same second counts.
  const since = q.serverPreparedAt !== undefined ? Math.floor(q.serverPreparedAt / 1000) * 1000 : q.localPreparedAt - LOCAL_CLOCK_SKEW_MS;
  let best: { token: string; created: number } | undefined;
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await drive.listPage(q.folderToken, pageToken, q.signal, { orderBy: 'CreatedTime', direction: 'DESC' });
    for (const item of answer.items) {
      const created = item.createdTime;
      if (created === undefined || item.name !== q.name || item.type !== 'file' || created < since) continue;
      if (q.token !== undefined && item.token !== q.token) continue;
      if (item.size !== undefined && item.size !== q.size) continue;
      if (!best || created > best.created) best = { token: item.token, created };
    }
    pageToken = answer.nextPageToken;
    if (!pageToken) break;
  }
  return best?.token;
}

export interface LookOptions {
  /** Retries (and the cancel signal) of the listing; none when the caller retries around it already. */
  retry?: RetryContext;
  /** Look a second time after RELIST_DELAY_MS when the first look finds nothing (the answer was lost just now). */
  relist: boolean;
  /** The error finish was refused with after its answer was lost, for the message. */
  cause?: FeishuError;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * findFinishedFile, with what to do when the folder cannot be looked at: a cancel, or a network that gave out,
 * is thrown as it is (the record stays and the next run looks again); a lasting refusal (a missing scope, no
 * permission) becomes FINISH_UNCONFIRMED, which tells the user to look before uploading again.
 */
export async function lookInFolder(drive: FolderPages | undefined, q: FinishedFileQuery, options: LookOptions): Promise<string | undefined> {
  const { retry, cause } = options;
  const unconfirmed = (reason: string, err?: unknown): FeishuError =>
    new FeishuError({
      code: 'FINISH_UNCONFIRMED',
      detail: `${JSON.stringify(q.name)}: ${reason}${cause ? `; the finish was answered: ${cause.message}` : ''}`,
      cause: err,
    });
  if (!drive) throw unconfirmed('no folder listing to look in');
  const list = (): Promise<string | undefined> => (retry ? withRetry(() => findFinishedFile(drive, q), retry) : findFinishedFile(drive, q));
  try {
    const found = await list();
    if (found || !options.relist) return found;
    await options.sleep(RELIST_DELAY_MS, q.signal);
    return await list();
  } catch (err) {
    if (q.signal?.aborted || (err instanceof FeishuError && (err.code === 'CANCELLED' || err.retryable))) throw err;
    throw unconfirmed(`listing the folder failed: ${err instanceof FeishuError ? err.message : String(err)}`, err);
  }
}
