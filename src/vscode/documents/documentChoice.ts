import { parseDocumentInput, type DocumentRef, type Translate } from '../../core';
import { inputProblem } from '../errors/inputProblem';
import type { RecentDocument } from './RecentDocuments';

/** One row of the document quick pick: a recent or the default document, or "paste a link". */
export interface DocumentPick {
  readonly label: string;
  readonly description?: string;
  /** Undefined for the "paste a link" row. */
  readonly link?: string;
}

/** For the input box: undefined when the text names a document, else why not. */
export function documentInputProblem(text: string, t: Translate): string | undefined {
  return inputProblem(() => parseDocumentInput(text), t);
}

/** `feishu.defaultDocument`, parsed; undefined when empty. A bad value throws (BAD_DOCUMENT, NOT_A_DOCX). */
export function documentFromSetting(defaultDocument: string): DocumentRef | undefined {
  return defaultDocument.trim() === '' ? undefined : parseDocumentInput(defaultDocument);
}

/** The default document first, then the recent ones (the default not twice), then "paste a link". */
export function documentPicks(defaultDocument: string, recent: readonly RecentDocument[], t: Translate): DocumentPick[] {
  const picks: DocumentPick[] = [];
  const fallback = defaultDocument.trim();
  if (fallback) picks.push({ label: t('Default document'), description: fallback, link: fallback });
  for (const r of recent) if (r.link !== fallback) picks.push({ label: r.title, description: r.link, link: r.link });
  picks.push({ label: t('Paste a document link…') });
  return picks;
}
