import * as vscode from 'vscode';
import { pickFiles } from '../files/pickFiles';
import { activeMarkdownEditor } from '../upload/results';
import { uploadResources } from '../upload/uploadFlow';
import { urisFromArgs } from './commandArgs';
import type { Command } from './Command';

/**
 * "Upload to Feishu Folder…": like Upload to Feishu (files and folder trees from the Explorer, a tab, the editor,
 * the palette), but the folder is always picked now, whatever `feishu.defaultFolder` says.
 */
export const uploadToFolder: Command = {
  needsCredentials: true,
  async run(services, ...args) {
    const editor = activeMarkdownEditor();
    const active = vscode.window.activeTextEditor?.document.uri;
    const resources = urisFromArgs(args) ?? (active?.scheme === 'file' ? [active] : await pickFiles(services, services.t('Upload to Feishu Folder')));
    if (resources) await uploadResources(services, resources, editor, { ask: true });
  },
};
