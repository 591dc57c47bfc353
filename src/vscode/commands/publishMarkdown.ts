import * as vscode from 'vscode';
import { MARKDOWN_EXTENSIONS } from '../../core';
import { publishMarkdown as publish } from '../publish/publishFlow';
import { urisFromArgs } from './commandArgs';
import type { Command } from './Command';

/**
 * "Publish to Feishu Doc": Markdown files in the Explorer (several selected: one after the other), the editor
 * title and context menus, the palette (the active Markdown editor's file, else an open dialog).
 */
export const publishMarkdown: Command = {
  needsCredentials: true,
  async run(services, ...args) {
    const active = vscode.window.activeTextEditor?.document;
    const fromEditor = active?.uri.scheme === 'file' && active.languageId === 'markdown' ? active.uri : undefined;
    const resources = urisFromArgs(args) ?? (fromEditor ? [fromEditor] : undefined);
    if (resources) {
      for (const resource of resources) await publish(services, resource);
      return;
    }
    const t = services.t;
    const picked = await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: false,
      canSelectMany: false,
      openLabel: t('Publish'),
      title: t('Publish to Feishu Doc'),
      filters: { [t('Markdown')]: [...MARKDOWN_EXTENSIONS] },
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    if (picked && picked.length > 0) await publish(services, picked[0]);
  },
};
