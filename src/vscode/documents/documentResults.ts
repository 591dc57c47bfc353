import * as vscode from 'vscode';
import type { ResolvedDocument } from '../../core';
import type { BatchFile, BatchResult } from '../upload/batch';
import { showBatchSummary } from '../upload/results';
import type { Services } from '../services/services';
import { countOutcomes, nameList, uploadedFiles } from '../upload/summary';

/** A resolved document with the link to open it. */
export interface OpenableDocument extends ResolvedDocument {
  readonly url: string;
}

/**
 * All in: "Added a.png to "Notes"." with Open Document. Otherwise the batch summary with Retry Failed and
 * Open Document; a single file that failed goes to the error boundary.
 */
export async function showDocumentResults(
  services: Services,
  result: BatchResult,
  document: OpenableDocument,
  retry: (files: readonly BatchFile[]) => Promise<void>,
): Promise<void> {
  const only = result.outcomes.length === 1 ? result.outcomes[0] : undefined;
  if (only?.status === 'failed') throw only.error;
  const t = services.t;
  const open = t('Open Document');
  const added = uploadedFiles(result).map((f) => f.name);
  const pick =
    countOutcomes(result).uploaded === result.outcomes.length
      ? await vscode.window.showInformationMessage(t('Added {0} to "{1}".', nameList(added, t), document.title), open)
      : await showBatchSummary(services, result, [open], retry);
  if (pick === open) await vscode.env.openExternal(vscode.Uri.parse(document.url));
}
