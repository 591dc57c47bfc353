import * as vscode from 'vscode';
import { entryFromArgs } from '../history/historyArgs';
import type { Command } from './Command';

/** Open in Browser on an item of the Feishu Uploads view: Feishu's own link. */
export const historyOpenInBrowser: Command = {
  needsCredentials: false,
  async run(services, ...args) {
    const entry = entryFromArgs(services, args);
    if (entry) await vscode.env.openExternal(vscode.Uri.parse(entry.url));
  },
};
