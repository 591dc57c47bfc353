import * as vscode from 'vscode';
import { cancelledError } from '../../core';

export interface CredentialInputOptions {
  title: string;
  prompt: string;
  /** Shown when the text is empty or has spaces. */
  problem: string;
  /** Secrets go in a password box: never on screen, never in screenshots. */
  password: boolean;
  placeHolder?: string;
  value?: string;
}

/** One credential, trimmed; Escape cancels the command (silently, through the error boundary). */
export async function askCredential(options: CredentialInputOptions): Promise<string> {
  const value = await vscode.window.showInputBox({
    title: options.title,
    prompt: options.prompt,
    password: options.password,
    placeHolder: options.placeHolder,
    value: options.value,
    ignoreFocusOut: true,
    validateInput: (v) => (/^\S+$/.test(v.trim()) ? undefined : options.problem),
  });
  if (value === undefined) throw cancelledError();
  return value.trim();
}
