import * as vscode from 'vscode';
import type { Services } from '../services/services';

/** An open dialog for several files, starting in the first workspace folder; undefined when nothing was picked. */
export async function pickFiles(services: Services, title: string): Promise<readonly vscode.Uri[] | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: true,
    openLabel: services.t('Upload'),
    title,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked && picked.length > 0 ? picked : undefined;
}
