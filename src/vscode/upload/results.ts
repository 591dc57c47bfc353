import * as vscode from 'vscode';
import type { BatchFile, BatchResult, SkippedFile, UploadedFile } from './batch';
import { showNotice } from '../errors/errorActions';
import { describeError, type ErrorNotice } from '../errors/errorMessages';
import { markdownLink } from './markdownLink';
import type { Services } from '../services/services';
import { batchSummary, countOutcomes, filesToRetry, keptFiles, linkedFiles, linksText } from './summary';

/**
 * One file: a notification naming it with its link buttons (a failure is thrown to the error boundary).
 * A batch: "n uploaded, k failed" with Retry Failed, Copy All Links and the buttons of the first error.
 */
export async function showResults(
  services: Services,
  result: BatchResult,
  editor: vscode.TextEditor | undefined,
  retry: (files: readonly BatchFile[]) => Promise<void>,
): Promise<void> {
  const only = result.outcomes.length === 1 ? result.outcomes[0] : undefined;
  if (only?.status === 'uploaded') return showUploaded(services, only.result, editor);
  if (only?.status === 'skipped') return showSkipped(services, only.result);
  // A failure that left parts on Feishu gets the summary, whose Resume sends only the rest.
  if (only?.status === 'failed' && !only.kept) throw only.error;
  const t = services.t;
  const links = linkedFiles(result);
  const extra = links.length > 1 ? [t('Copy All Links')] : links.length === 1 ? [t('Copy Link')] : [];
  const pick = await showBatchSummary(services, result, extra, retry);
  if (pick !== undefined) await copy(services, linksText(links), links.length);
}

/**
 * A batch's summary: "n uploaded, k failed" (or what Cancel left out) with the first error and its buttons,
 * Retry Failed / Upload the Rest (handled here) and `extra` buttons. Returns the extra label chosen.
 */
export async function showBatchSummary(
  services: Services,
  result: BatchResult,
  extra: readonly string[],
  retry: (files: readonly BatchFile[]) => Promise<void>,
): Promise<string | undefined> {
  const t = services.t;
  const failure = result.outcomes.find((o) => o.status === 'failed');
  const cause = failure?.status === 'failed' ? describeError(failure.error, t) : undefined;
  const notice: ErrorNotice = {
    text: [batchSummary(result, t), failure && cause ? `${failure.file.name}: ${cause.text}` : undefined].filter(Boolean).join(' '),
    actions: cause?.actions ?? ['showLog'],
  };
  const again = filesToRetry(result);
  const retryLabel = keptFiles(result).length > 0 ? t('Resume') : result.cancelled ? t('Upload the Rest') : t('Retry Failed');
  const severity = countOutcomes(result).failed > 0 ? 'warning' : 'info';
  const pick = await showNotice(services, severity, notice, [...(again.length > 0 ? [retryLabel] : []), ...extra]);
  if (pick !== retryLabel) return pick;
  await retry(again);
  return undefined;
}

async function showUploaded(services: Services, file: UploadedFile, editor: vscode.TextEditor | undefined): Promise<void> {
  const t = services.t;
  const copyLink = t('Copy Link');
  const open = t('Open in Browser');
  const copyToken = t('Copy Token');
  const insert = t('Insert Link');
  const buttons = editor ? [copyLink, open, copyToken, insert] : [copyLink, open, copyToken];
  const text = file.recovered
    ? t('{0} was already in Feishu: an earlier attempt had stored it, but its result was lost. It was not uploaded again.', file.name)
    : t('Uploaded {0} to Feishu.', file.name);
  const pick = await vscode.window.showInformationMessage(text, ...buttons);
  if (pick === copyLink) await copy(services, file.url, 1);
  else if (pick === open) await vscode.env.openExternal(vscode.Uri.parse(file.url));
  else if (pick === copyToken) {
    await vscode.env.clipboard.writeText(file.fileToken);
    vscode.window.setStatusBarMessage(t('File token copied.'), 3000);
  } else if (pick === insert && editor) await insertLink(services, editor, markdownLink(file.name, file.url));
}

/** One file left out because its name is already in the folder: its copy there, to copy or open. */
async function showSkipped(services: Services, file: SkippedFile): Promise<void> {
  const t = services.t;
  const copyLink = t('Copy Link');
  const open = t('Open in Browser');
  const pick = await vscode.window.showInformationMessage(t('{0} is already in the Feishu folder, so it was skipped.', file.name), copyLink, open);
  if (pick === copyLink) await copy(services, file.url, 1);
  else if (pick === open) await vscode.env.openExternal(vscode.Uri.parse(file.url));
}

async function copy(services: Services, text: string, count: number): Promise<void> {
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(count === 1 ? services.t('Link copied.') : services.t('{0} links copied.', count), 3000);
}

/** At the cursor of the Markdown editor the upload started from, shown again if it went to the background. */
async function insertLink(services: Services, editor: vscode.TextEditor, link: string): Promise<void> {
  const target = vscode.window.visibleTextEditors.find((e) => e.document === editor.document) ?? (await vscode.window.showTextDocument(editor.document));
  const done = await target.edit((b) => b.insert(target.selection.active, link));
  if (!done) services.log.warn(`Could not insert the link into ${target.document.uri.toString()}.`);
}

/** The editor to offer Insert Link for: the active one, if it is Markdown. */
export function activeMarkdownEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === 'markdown' ? editor : undefined;
}
