import * as path from 'node:path';
import * as vscode from 'vscode';
import { urisFromArgs } from './commandArgs';
import { IMPORTABLE_EXTENSIONS } from '../../core';
import { importResources } from '../import/importFlow';
import type { Command } from './Command';

/**
 * "Feishu: Import as Feishu Doc": the Explorer and editor menus (for importable files), the palette (the
 * active file if importable, else an open dialog).
 */
export const importAsDoc: Command = {
  needsCredentials: true,
  async run(services, ...args) {
    const active = vscode.window.activeTextEditor?.document.uri;
    const importable = active?.scheme === 'file' && IMPORTABLE_EXTENSIONS.includes(path.extname(active.fsPath).slice(1).toLowerCase());
    const resources = urisFromArgs(args) ?? (importable ? [active] : undefined);
    if (resources) return importResources(services, resources);
    const t = services.t;
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      openLabel: t('Import'),
      title: t('Import as Feishu Doc'),
      filters: { [t('Documents and spreadsheets')]: [...IMPORTABLE_EXTENSIONS] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    if (picked && picked.length > 0) await importResources(services, picked);
  },
};
