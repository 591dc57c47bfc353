import * as vscode from 'vscode';
import { cancelledError, parseDocumentInput, type DocumentRef } from '../../core';
import { documentFromSetting, documentInputProblem, documentPicks } from './documentChoice';
import type { Services } from '../services/services';

/**
 * Which document files go into. With `useDefault`, `feishu.defaultDocument` when set; otherwise a quick pick
 * of the default and recent documents, or straight the link box when there are none. Escape cancels.
 */
export async function askDocument(services: Services, useDefault: boolean): Promise<DocumentRef> {
  const { defaultDocument } = services.settings();
  if (useDefault) {
    const fromSetting = documentFromSetting(defaultDocument);
    if (fromSetting) return fromSetting;
  }
  const t = services.t;
  const picks = documentPicks(defaultDocument, services.recentDocuments.list(), t);
  if (picks.length > 1) {
    const pick = await vscode.window.showQuickPick(picks, {
      title: t('Feishu document to upload to'),
      placeHolder: t('Pick a recent document, or paste a link'),
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    if (pick === undefined) throw cancelledError();
    if (pick.link !== undefined) return parseDocumentInput(pick.link);
  }
  const input = await vscode.window.showInputBox({
    title: t('Feishu document to upload to'),
    prompt: t('Paste the link of a Feishu document (…/docx/…), or of a wiki page that is a document. Files are added at its end.'),
    placeHolder: 'https://example.feishu.cn/docx/…',
    ignoreFocusOut: true,
    validateInput: (text) => documentInputProblem(text, t),
  });
  if (input === undefined) throw cancelledError();
  return parseDocumentInput(input);
}
