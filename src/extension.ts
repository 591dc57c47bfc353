import type * as vscode from 'vscode';
import { registerCommands } from './vscode/commands/registerCommands';
import { HistoryView } from './vscode/history/HistoryView';
import { registerUploadAgain } from './vscode/history/uploadAgain';
import { createServices } from './vscode/services/services';

/**
 * Activated by our commands and our view only (implicit onCommand / onView events): build the services,
 * register the commands, the Feishu Uploads view and what its Upload Again does.
 */
export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  registerCommands(context, services);
  context.subscriptions.push(HistoryView.register(services.history, services), ...registerUploadAgain(services));
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
