import * as vscode from 'vscode';
import { askDocument } from '../documents/askDocument';
import { urisFromArgs, type UriLike } from './commandArgs';
import { uploadFilesToDocument } from '../documents/documentFlow';
import { pickFiles } from '../files/pickFiles';
import type { Services } from '../services/services';
import { selectedFiles } from '../upload/uploadFlow';
import type { Command } from './Command';

/**
 * "Upload to Feishu Document": Explorer and editor context menus. The files go to `feishu.defaultDocument`
 * when it is set, else to a document picked now.
 */
export const uploadToDocument: Command = {
  needsCredentials: true,
  async run(services, ...args) {
    const active = vscode.window.activeTextEditor?.document.uri;
    const resources = urisFromArgs(args) ?? (active?.scheme === 'file' ? [active] : undefined);
    if (!resources) return pickFilesToDocument(services, true);
    await resourcesToDocument(services, resources, true);
  },
};

/** Files from an open dialog, then the document (asked for, or the default with `useDefault`). */
export async function pickFilesToDocument(services: Services, useDefault: boolean): Promise<void> {
  const picked = await pickFiles(services, services.t('Upload to a Feishu document'));
  if (picked) await resourcesToDocument(services, picked, useDefault);
}

async function resourcesToDocument(services: Services, resources: readonly UriLike[], useDefault: boolean): Promise<void> {
  const selection = await selectedFiles(services, resources);
  if (!selection) return;
  await uploadFilesToDocument(services, selection.files, await askDocument(services, useDefault));
}
