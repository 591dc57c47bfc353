import type { BatchResult, FileOutcome, UploadedFile } from './batch';
import { markdownLink } from './markdownLink';
import type { Translate } from '../../core';

/** How many names a message lists before "and N more". */
const MAX_NAMES = 5;

export interface BatchCounts {
  readonly uploaded: number;
  readonly failed: number;
  readonly notUploaded: number;
}

export function countOutcomes(result: BatchResult): BatchCounts {
  const count = (status: FileOutcome['status']): number => result.outcomes.filter((o) => o.status === status).length;
  return { uploaded: count('uploaded'), failed: count('failed'), notUploaded: count('notUploaded') };
}

export function uploadedFiles(result: BatchResult): UploadedFile[] {
  return result.outcomes.flatMap((o) => (o.status === 'uploaded' ? [o.result] : []));
}

/** Files to offer again: the failed ones and those never tried. */
export function filesToRetry(result: BatchResult): FileOutcome['file'][] {
  return result.outcomes.filter((o) => o.status !== 'uploaded').map((o) => o.file);
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
  const missing = result.outcomes.filter((o) => o.status !== 'uploaded').map((o) => o.file.name);
  if (result.cancelled) {
    if (total === 1 && missing.length === 1) return t('Upload cancelled: {0} was not uploaded.', missing[0]);
    const head = t('Upload cancelled: {0} of {1} files uploaded.', c.uploaded, total);
    return missing.length === 0 ? head : `${head} ${t('Not uploaded: {0}.', nameList(missing, t))}`;
  }
  if (c.failed === 0 && c.notUploaded === 0) return t('{0} files uploaded to Feishu.', c.uploaded);
  const head = t('{0} uploaded, {1} failed.', c.uploaded, c.failed);
  return c.notUploaded === 0 ? head : `${head} ${t('{0} not tried after that error.', c.notUploaded)}`;
}

/** All links at once, one Markdown link per line: readable as text, ready to paste into a document. */
export function linksText(files: readonly UploadedFile[]): string {
  return files.map((f) => markdownLink(f.name, f.url)).join('\n');
}
