import * as vscode from 'vscode';
import { COMMAND_IDS, type CommandKey } from './commandIds';
import { COMMANDS } from './index';
import { ensureCredentials } from '../credentials/credentialsGuard';
import { withErrorBoundary } from '../errors/errorBoundary';
import type { Services } from '../services/services';

/** The one registrar: every command gets the error boundary, and the credentials guard where it needs it. */
export function registerCommands(context: vscode.ExtensionContext, services: Services): void {
  for (const key of Object.keys(COMMAND_IDS) as CommandKey[]) {
    const id = COMMAND_IDS[key];
    const command = COMMANDS[key];
    const run = async (...args: unknown[]): Promise<void> => {
      if (command.needsCredentials) await ensureCredentials(services);
      await command.run(services, ...args);
    };
    context.subscriptions.push(vscode.commands.registerCommand(id, withErrorBoundary(id, services, run)));
  }
}
