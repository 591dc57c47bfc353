import { FeishuError, isCancelled, type UploadResult } from '../../core';

/** A file chosen for upload, measured when the selection was expanded. */
export interface BatchFile {
  readonly path: string;
  readonly name: string;
  readonly size: number;
}

export type UploadedFile = UploadResult & { readonly url: string };

export type FileOutcome =
  | { readonly file: BatchFile; readonly status: 'uploaded'; readonly result: UploadedFile }
  /** error: a FeishuError, or whatever a bug threw (describeError handles both). */
  | { readonly file: BatchFile; readonly status: 'failed'; readonly error: unknown }
  /** Cancelled, or left out after an error that every later file would meet too. */
  | { readonly file: BatchFile; readonly status: 'notUploaded' };

export interface BatchResult {
  readonly outcomes: readonly FileOutcome[];
  readonly cancelled: boolean;
}

/** Told about each file as it goes; BatchProgress is one. */
export interface BatchListener {
  fileStarted(index: number): void;
  /** Bytes of the current file sent so far. */
  fileProgress(bytesSent: number): void;
  fileFinished(index: number, outcome: FileOutcome): void;
}

/** Uploads one file; the extension opens the file, runs the engine and builds the link. */
export type UploadOne = (file: BatchFile, signal: AbortSignal, onProgress: (bytesSent: number) => void) => Promise<UploadedFile>;

/**
 * Errors about the identity, the target or the connection: every later file would meet them too, so the
 * batch stops instead of repeating the same failure a hundred times.
 */
export function stopsBatch(err: unknown): boolean {
  return err instanceof FeishuError && ['auth', 'scope', 'config', 'permission', 'notFound', 'quota', 'network', 'rate'].includes(err.category);
}

/** Uploads files one after another (Feishu allows one upload call in flight per app anyway). */
export async function runBatch(files: readonly BatchFile[], upload: UploadOne, signal: AbortSignal, listener?: BatchListener): Promise<BatchResult> {
  const outcomes: FileOutcome[] = [];
  let stop = false;
  for (const [index, file] of files.entries()) {
    if (stop || signal.aborted) {
      outcomes.push({ file, status: 'notUploaded' });
      continue;
    }
    listener?.fileStarted(index);
    const outcome = await uploadOne(file, upload, signal, listener);
    outcomes.push(outcome);
    listener?.fileFinished(index, outcome);
    if (outcome.status === 'failed' && stopsBatch(outcome.error)) stop = true;
  }
  return { outcomes, cancelled: signal.aborted };
}

async function uploadOne(file: BatchFile, upload: UploadOne, signal: AbortSignal, listener?: BatchListener): Promise<FileOutcome> {
  try {
    const result = await upload(file, signal, (bytes) => listener?.fileProgress(bytes));
    return { file, status: 'uploaded', result };
  } catch (err) {
    if (isCancelled(err) || signal.aborted) return { file, status: 'notUploaded' };
    return { file, status: 'failed', error: err };
  }
}
