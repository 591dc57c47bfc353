import type * as vscode from 'vscode';
import { registerCommands } from './vscode/commands/registerCommands';
import { createServices } from './vscode/services/services';

/** Activated by our commands only (implicit onCommand events): build the services, register the commands. */
export function activate(context: vscode.ExtensionContext): void {
  registerCommands(context, createServices(context));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
