import type * as vscode from 'vscode';

/** Runs work with an AbortSignal that fires when VS Code's token does: the core speaks AbortSignal only. */
export async function withAbortSignal<T>(token: vscode.CancellationToken, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const subscription = token.onCancellationRequested(() => controller.abort());
  if (token.isCancellationRequested) controller.abort();
  try {
    return await work(controller.signal);
  } finally {
    subscription.dispose();
  }
}
