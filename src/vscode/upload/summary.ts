import type { BatchResult, FileOutcome, SkippedFile, UploadedFile } from './batch';
import { markdownLink } from './markdownLink';
import { formatBytes, type KeptUpload, type Translate } from '../../core';

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

/** The files that stopped part-way with their parts kept on Feishu: uploading them again sends only the rest. */
export function keptFiles(result: BatchResult): { name: string; kept: KeptUpload }[] {
  return result.outcomes.flatMap((o) => ((o.status === 'failed' || o.status === 'notUploaded') && o.kept ? [{ name: o.file.name, kept: o.kept }] : []));
}

/** Share of a file Feishu holds, in whole percent (never 100 for an unfinished file). */
export function keptPercent(kept: KeptUpload): number {
  return kept.totalBytes === 0 ? 0 : Math.min(99, Math.floor((kept.confirmedBytes * 100) / kept.totalBytes));
}

/**
 * The batch's result in one sentence: "n uploaded, k failed", or after Cancel what was and wasn't uploaded;
 * a file that stopped part-way says how far it got ("Cancelled at 48 %").
 */
export function batchSummary(result: BatchResult, t: Translate): string {
  const c = countOutcomes(result);
  const total = result.outcomes.length;
  const missing = result.outcomes.filter((o) => o.status === 'failed' || o.status === 'notUploaded').map((o) => o.file.name);
  const skipped = c.skipped === 0 ? undefined : t('{0} skipped: already in the Feishu folder.', c.skipped);
  const kept = keptFiles(result);
  const stopped = kept.map((k) => t('{0} stopped at {1} %; Resume sends only the rest.', k.name, keptPercent(k.kept)));
  const sentence = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(' ');
  if (result.cancelled) {
    if (total === 1 && kept.length === 1) {
      const only = kept[0];
      return t('Cancelled at {0} %: {1} of {2} are on Feishu. Resume sends only the rest.', keptPercent(only.kept), formatBytes(only.kept.confirmedBytes), only.name);
    }
    if (total === 1 && missing.length === 1) return t('Upload cancelled: {0} was not uploaded.', missing[0]);
    const head = t('Upload cancelled: {0} of {1} files uploaded.', c.uploaded, total);
    return sentence(head, missing.length === 0 ? undefined : t('Not uploaded: {0}.', nameList(missing, t)), skipped, ...stopped);
  }
  if (c.failed === 0 && c.notUploaded === 0) return sentence(c.skipped === 0 || c.uploaded > 0 ? t('{0} files uploaded to Feishu.', c.uploaded) : t('Nothing new to upload.'), skipped);
  const head = t('{0} uploaded, {1} failed.', c.uploaded, c.failed);
  return sentence(head, skipped, c.notUploaded === 0 ? undefined : t('{0} not tried after that error.', c.notUploaded), ...stopped);
}

/** All links at once, one Markdown link per line: readable as text, ready to paste into a document. */
export function linksText(files: readonly (UploadedFile | SkippedFile)[]): string {
  return files.map((f) => markdownLink(f.name, f.url)).join('\n');
}
