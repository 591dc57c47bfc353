import { FeishuError, isCancelled, type FollowUpProblem, type KeptUpload, type UploadResult } from '../../core';

/** A file chosen for upload, measured when the selection was expanded. */
export interface BatchFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  /** The sub-folders below the target it goes into (a selected folder's tree); default none. */
  readonly dir?: readonly string[];
}

/** An uploaded file with its link; into a folder also the folder it went to, and any follow-up that failed. */
export type UploadedFile = UploadResult & { readonly url: string; readonly folderToken?: string; readonly problems?: readonly FollowUpProblem[] };

/** A file left out because a file of its name is already in its folder (the conflict policy said skip). */
export interface SkippedFile {
  readonly skipped: true;
  readonly name: string;
  /** The file already there, and its link. */
  readonly fileToken: string;
  readonly url: string;
  readonly folderToken: string;
}

export type FileOutcome =
  | { readonly file: BatchFile; readonly status: 'uploaded'; readonly result: UploadedFile }
  | { readonly file: BatchFile; readonly status: 'skipped'; readonly result: SkippedFile }
  /**
   * error: a FeishuError, or whatever a bug threw (describeError handles both). kept: what Feishu holds of a
   * multipart upload that stopped; uploading the file again sends only the rest.
   */
  | { readonly file: BatchFile; readonly status: 'failed'; readonly error: unknown; readonly kept?: KeptUpload }
  /** Cancelled, or left out after an error that every later file would meet too. */
  | { readonly file: BatchFile; readonly status: 'notUploaded'; readonly kept?: KeptUpload };

export interface BatchResult {
  readonly outcomes: readonly FileOutcome[];
  readonly cancelled: boolean;
}

/** Told about each file as it goes; BatchProgress is one. */
export interface BatchListener {
  fileStarted(index: number): void;
  /** Bytes of the current file sent so far. */
  fileProgress(bytesSent: number): void;
  /** The current file continues an interrupted upload: these bytes were on Feishu already (not sent now). */
  fileSkipped?(bytes: number): void;
  fileFinished(index: number, outcome: FileOutcome): void;
}

/**
 * Uploads (or skips) one file; the extension opens the file, runs the engine and builds the link. `onKept`
 * hears what of an unfinished multipart upload stays on Feishu for a later run, `onSkipped` what an earlier one
 * left there.
 */
export type UploadOne = (
  file: BatchFile,
  signal: AbortSignal,
  onProgress: (bytesSent: number) => void,
  onKept?: (kept: KeptUpload) => void,
  onSkipped?: (bytes: number) => void,
) => Promise<UploadedFile | SkippedFile>;

/**
 * Errors about the identity, the target or the connection: every later file would meet them too, so the
 * batch stops instead of repeating the same failure a hundred times.
 */
export function stopsBatch(err: unknown): boolean {
  return err instanceof FeishuError && ['auth', 'scope', 'config', 'permission', 'notFound', 'quota', 'network', 'rate'].includes(err.category);
}

/**
 * Uploads files one after another (Feishu allows one upload call in flight per app anyway). A cancel that did
 * not come from the notification (Cancel in a question asked during the batch) stops the batch the same way.
 */
export async function runBatch(files: readonly BatchFile[], upload: UploadOne, signal: AbortSignal, listener?: BatchListener): Promise<BatchResult> {
  const outcomes: FileOutcome[] = [];
  let stop = false;
  let cancelled = false;
  for (const [index, file] of files.entries()) {
    if (stop || cancelled || signal.aborted) {
      outcomes.push({ file, status: 'notUploaded' });
      continue;
    }
    listener?.fileStarted(index);
    const { outcome, cancel } = await uploadOne(file, upload, signal, listener);
    outcomes.push(outcome);
    listener?.fileFinished(index, outcome);
    if (outcome.status === 'failed' && stopsBatch(outcome.error)) stop = true;
    if (cancel) cancelled = true;
  }
  return { outcomes, cancelled: cancelled || signal.aborted };
}

async function uploadOne(file: BatchFile, upload: UploadOne, signal: AbortSignal, listener?: BatchListener): Promise<{ outcome: FileOutcome; cancel?: boolean }> {
  let kept: KeptUpload | undefined;
  try {
    const result = await upload(
      file,
      signal,
      (bytes) => listener?.fileProgress(bytes),
      (k) => (kept = k),
      (bytes) => listener?.fileSkipped?.(bytes),
    );
    return { outcome: 'skipped' in result ? { file, status: 'skipped', result } : { file, status: 'uploaded', result } };
  } catch (err) {
    if (isCancelled(err) || signal.aborted) return { outcome: { file, status: 'notUploaded', kept }, cancel: true };
    return { outcome: { file, status: 'failed', error: err, kept } };
  }
}
