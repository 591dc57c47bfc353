import * as vscode from 'vscode';
import { activeMarkdownEditor } from '../results';
import type { Services } from '../services';
import { uploadResources, type MarkdownEditor } from '../uploadFlow';
import type { Command } from './Command';

/** "Feishu: Upload File…": an open dialog, several files at once. */
export const uploadFile: Command = {
  needsCredentials: true,
  run: (services) => pickAndUpload(services, activeMarkdownEditor()),
};

export async function pickAndUpload(services: Services, editor: MarkdownEditor): Promise<void> {
  const t = services.t;
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: true,
    canSelectFolders: false,
    canSelectMany: true,
    openLabel: t('Upload'),
    title: t('Upload to Feishu'),
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  if (!picked || picked.length === 0) return;
  await uploadResources(services, picked, editor);
}
