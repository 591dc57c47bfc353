import type { BatchResult, FileOutcome, SkippedFile, UploadedFile } from './batch';
import { markdownLink } from './markdownLink';
import type { Translate } from '../../core';

/** How many names a message lists before "and N more". */
const MAX_NAMES = 5;

export interface BatchCounts {
  readonly uploaded: number;
  readonly skipped: number;
  readonly failed: number;
  readonly notUploaded: number;
}

export function countOutcomes(result: BatchResult): BatchCounts {
  const count = (status: FileOutcome['status']): number => result.outcomes.filter((o) => o.status === status).length;
  return { uploaded: count('uploaded'), skipped: count('skipped'), failed: count('failed'), notUploaded: count('notUploaded') };
}

export function uploadedFiles(result: BatchResult): UploadedFile[] {
  return result.outcomes.flatMap((o) => (o.status === 'uploaded' ? [o.result] : []));
}

/** Every file with a link: the uploaded ones and the skipped ones (their copy already in Feishu). */
export function linkedFiles(result: BatchResult): (UploadedFile | SkippedFile)[] {
  return result.outcomes.flatMap((o) => (o.status === 'uploaded' || o.status === 'skipped' ? [o.result] : []));
}

/** Files to offer again: the failed ones and those never tried. */
export function filesToRetry(result: BatchResult): FileOutcome['file'][] {
  return result.outcomes.filter((o) => o.status === 'failed' || o.status === 'notUploaded').map((o) => o.file);
}

/** "a, b and 3 more". */
export function nameList(names: readonly string[], t: Translate, max = MAX_NAMES): string {
  if (names.length <= max) return names.join(', ');
  return t('{0} and {1} more', names.slice(0, max).join(', '), names.length - max);
}

/**
 * The batch's result in one sentence: "n uploaded, k failed", or after Cancel what was and wasn't uploaded.
 */
export function batchSummary(result: BatchResult, t: Translate): string {
  const c = countOutcomes(result);
  const total = result.outcomes.length;
  const missing = result.outcomes.filter((o) => o.status === 'failed' || o.status === 'notUploaded').map((o) => o.file.name);
  const skipped = c.skipped === 0 ? '' : ` ${t('{0} skipped: already in the Feishu folder.', c.skipped)}`;
  if (result.cancelled) {
    if (total === 1 && missing.length === 1) return t('Upload cancelled: {0} was not uploaded.', missing[0]);
    const head = t('Upload cancelled: {0} of {1} files uploaded.', c.uploaded, total);
    return (missing.length === 0 ? head : `${head} ${t('Not uploaded: {0}.', nameList(missing, t))}`) + skipped;
  }
  if (c.failed === 0 && c.notUploaded === 0) return (c.skipped === 0 || c.uploaded > 0 ? t('{0} files uploaded to Feishu.', c.uploaded) : t('Nothing new to upload.')) + skipped;
  const head = t('{0} uploaded, {1} failed.', c.uploaded, c.failed) + skipped;
  return c.notUploaded === 0 ? head : `${head} ${t('{0} not tried after that error.', c.notUploaded)}`;
}

/** All links at once, one Markdown link per line: readable as text, ready to paste into a document. */
export function linksText(files: readonly (UploadedFile | SkippedFile)[]): string {
  return files.map((f) => markdownLink(f.name, f.url)).join('\n');
}
