import * as vscode from 'vscode';
import type { Services } from '../services/services';
import { entryDescription, entryTooltip } from './historyText';
import type { HistoryEntry, UploadHistory } from './UploadHistory';

/** The view's id in package.json (an Explorer section). */
export const HISTORY_VIEW_ID = 'feishu.uploads';

/**
 * The Feishu Uploads view (after the tree-view sample): one item per upload, newest first, with the file's icon,
 * where it went, size and when; contextValue `feishuUpload.<kind>[.local]` drives the inline and context-menu
 * actions. It follows the history and refreshes when it becomes visible (so "5 min ago" stays true).
 */
export class HistoryView implements vscode.TreeDataProvider<HistoryEntry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<HistoryEntry | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: { dispose(): unknown }[] = [];

  constructor(
    private readonly history: UploadHistory,
    private readonly services: Pick<Services, 't'>,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions.push(history.onDidChange(() => this.refresh()));
  }

  /** Registers the view; disposing it unregisters. */
  static register(history: UploadHistory, services: Pick<Services, 't'>): vscode.Disposable {
    const provider = new HistoryView(history, services);
    const view = vscode.window.createTreeView(HISTORY_VIEW_ID, { treeDataProvider: provider });
    const visible = view.onDidChangeVisibility((e) => e.visible && provider.refresh());
    return { dispose: () => [visible, view, provider].forEach((d) => d.dispose()) };
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getChildren(element?: HistoryEntry): HistoryEntry[] {
    return element ? [] : this.history.list();
  }

  getTreeItem(entry: HistoryEntry): vscode.TreeItem {
    const t = this.services.t;
    const item = new vscode.TreeItem(entry.name, vscode.TreeItemCollapsibleState.None);
    item.id = entry.id;
    item.description = entryDescription(entry, this.now(), t);
    item.tooltip = entryTooltip(entry, t);
    // The local file's icon from the icon theme; a document or import without one gets a cloud.
    if (entry.localPath !== undefined) item.resourceUri = vscode.Uri.file(entry.localPath);
    else item.iconPath = new vscode.ThemeIcon('cloud');
    item.contextValue = `feishuUpload.${entry.kind}${entry.localPath === undefined ? '' : '.local'}`;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
