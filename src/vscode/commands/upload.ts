import * as vscode from 'vscode';
import { urisFromArgs } from './commandArgs';
import { activeMarkdownEditor } from '../upload/results';
import { uploadResources } from '../upload/uploadFlow';
import type { Command } from './Command';
import { pickAndUpload } from './uploadFile';

/** "Upload to Feishu": the Explorer (multi-select, folders too), editor title, tab and editor menus. */
export const upload: Command = {
  needsCredentials: true,
  async run(services, ...args) {
    const editor = activeMarkdownEditor();
    // From the palette there is no argument: the active editor's file, else the open dialog.
    const active = vscode.window.activeTextEditor?.document.uri;
    const resources = urisFromArgs(args) ?? (active?.scheme === 'file' ? [active] : undefined);
    if (!resources) return pickAndUpload(services, editor);
    await uploadResources(services, resources, editor);
  },
};
