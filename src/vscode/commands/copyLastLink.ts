import * as vscode from 'vscode';
import type { Command } from './Command';

/** "Feishu: Copy Last Link": the link of the newest upload in the history, long after its notification is gone. */
export const copyLastLink: Command = {
  needsCredentials: false,
  async run(services) {
    const t = services.t;
    const last = services.history.last();
    if (!last) {
      void vscode.window.showInformationMessage(t('Nothing uploaded yet: there is no link to copy.'));
      return;
    }
    await vscode.env.clipboard.writeText(last.url);
    vscode.window.setStatusBarMessage(t('Link of {0} copied.', last.name), 3000);
  },
};
