import type * as vscode from 'vscode';
import { registerCommands } from './vscode/commands/registerCommands';
import { withErrorBoundary } from './vscode/errors/errorBoundary';
import { HistoryView } from './vscode/history/HistoryView';
import { registerUploadAgain } from './vscode/history/uploadAgain';
import { offerInterruptedUploads } from './vscode/resume/offerInterrupted';
import { createServices } from './vscode/services/services';

/**
 * Activated by our commands and our view (implicit onCommand / onView events) and once after start-up
 * (onStartupFinished): build the services, register the commands, the Feishu Uploads view and what its Upload
 * Again does, and offer interrupted uploads.
 */
export function activate(context: vscode.ExtensionContext): void {
  const services = createServices(context);
  registerCommands(context, services);
  context.subscriptions.push(HistoryView.register(services.history, services), ...registerUploadAgain(services));
  // Through the one error boundary: a resumed upload that fails is shown like any other.
  void withErrorBoundary('interrupted uploads', services, () => offerInterruptedUploads(services))();
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
