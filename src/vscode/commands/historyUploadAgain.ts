import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { entryFromArgs } from '../history/historyArgs';
import type { Command } from './Command';

/** Upload Again on an item of the Feishu Uploads view: what it does depends on the entry's kind (see UploadHistory.registerAgain). */
export const historyUploadAgain: Command = {
  needsCredentials: true,
  async run(services, ...args) {
    const entry = entryFromArgs(services, args);
    if (!entry) return;
    const t = services.t;
    const again = services.history.againFor(entry);
    const exists = entry.localPath !== undefined && (await fs.stat(entry.localPath).then((s) => s.isFile(), () => false));
    if (!again || !exists) {
      void vscode.window.showWarningMessage(
        entry.localPath === undefined ? t('{0} cannot be uploaded again from here.', entry.name) : t('The local file {0} is no longer there.', entry.localPath),
      );
      return;
    }
    await again(entry);
  },
};
