import * as vscode from 'vscode';
import { cancelledError, type AskConflict, type ConflictPolicy } from '../../core';
import type { Destination } from '../folders/askFolder';
import type { Services } from '../services/services';

/**
 * The "ask" conflict policy: a modal question per file whose name is already in its Feishu folder — Skip, Keep
 * Both, or either for all the files still to come in this batch. Cancel stops the batch (nothing more is sent).
 */
export function askOnConflict(services: Services, destination: Destination): AskConflict {
  let forAll: ConflictPolicy | undefined;
  return async (conflict) => {
    if (forAll) return forAll;
    const t = services.t;
    const skip = t('Skip');
    const keep = t('Keep Both');
    const skipAll = t('Skip All');
    const keepAll = t('Keep Both for All');
    const folder = [destination.label, ...conflict.dir].join(' / ');
    const pick = await vscode.window.showWarningMessage(
      t('"{0}" is already in the Feishu folder "{1}".', conflict.name, folder),
      { modal: true, detail: t('Feishu can keep both files under one name, or this one can be left out. Cancel stops the upload.') },
      skip,
      keep,
      skipAll,
      keepAll,
    );
    services.log.info(`conflict: ${conflict.name} in ${conflict.folderToken} (existing ${conflict.existing.token}) → ${pick ?? 'cancel'}`);
    if (pick === skipAll || pick === keepAll) forAll = pick === skipAll ? 'skip' : 'keep-both';
    if (pick === skip || pick === skipAll) return 'skip';
    if (pick === keep || pick === keepAll) return 'keep-both';
    throw cancelledError();
  };
}
