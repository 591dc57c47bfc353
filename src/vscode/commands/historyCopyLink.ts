import * as vscode from 'vscode';
import { entryFromArgs } from '../history/historyArgs';
import type { Command } from './Command';

/** Copy Link on an item of the Feishu Uploads view. */
export const historyCopyLink: Command = {
  needsCredentials: false,
  async run(services, ...args) {
    const entry = entryFromArgs(services, args);
    if (!entry) return;
    await vscode.env.clipboard.writeText(entry.url);
    vscode.window.setStatusBarMessage(services.t('Link copied.'), 3000);
  },
};
