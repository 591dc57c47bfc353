import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { entryFromArgs } from '../history/historyArgs';
import type { Command } from './Command';

/**
 * Reveal Local File on an item of the Feishu Uploads view: in the Explorer when the file is in the workspace,
 * else in the system's file manager; a file that is gone is said to be gone.
 */
export const historyRevealLocalFile: Command = {
  needsCredentials: false,
  async run(services, ...args) {
    const entry = entryFromArgs(services, args);
    if (!entry?.localPath) return;
    const exists = await fs.stat(entry.localPath).then(
      () => true,
      () => false,
    );
    if (!exists) {
      void vscode.window.showWarningMessage(services.t('The local file {0} is no longer there.', entry.localPath));
      return;
    }
    const uri = vscode.Uri.file(entry.localPath);
    await vscode.commands.executeCommand(vscode.workspace.getWorkspaceFolder(uri) ? 'revealInExplorer' : 'revealFileInOS', uri);
  },
};
