import * as vscode from 'vscode';
import type { Command } from './Command';

/** "Feishu: Clear Upload History" (the view's title bar): forgets the list after a confirmation; the files stay in Feishu. */
export const clearHistory: Command = {
  needsCredentials: false,
  async run(services) {
    const t = services.t;
    const count = services.history.list().length;
    if (count === 0) return;
    const clear = t('Clear');
    const pick = await vscode.window.showWarningMessage(t('Clear the list of {0} uploads? The files stay in Feishu.', count), { modal: true }, clear);
    if (pick !== clear) return;
    await services.history.clear();
    services.log.info('upload history cleared');
  },
};
