import * as vscode from 'vscode';
import { WALKTHROUGH_ID } from './commandIds';
import type { Command } from './Command';

/** Opens the "Get Started with Feishu Upload" walkthrough: the app, its scopes, credentials and a folder. */
export const getStarted: Command = {
  needsCredentials: false,
  async run() {
    // false: in the active editor group, not to the side.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
  },
};
