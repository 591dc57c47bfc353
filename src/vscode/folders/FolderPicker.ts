import * as vscode from 'vscode';
import { cancelledError, checkFolderName, FeishuError, grantee, isCancelled, ROOT, type DriveItem } from '../../core';
import { showNotice } from '../errors/errorActions';
import { describeError } from '../errors/errorMessages';
import { inputProblem } from '../errors/inputProblem';
import type { Lease } from '../services/ClientPool';
import type { Services } from '../services/services';
import { levelRows, pathLabel, subFolders, typedRow, type Crumb, type LevelState, type PickAction, type PickRow } from './folderPicks';

/** Where files go, as the user chose it. */
export interface FolderChoice {
  /** Undefined: My Space. */
  readonly token?: string;
  /** How the folder is shown ("My Space / Team / 2026", or its name). */
  readonly name: string;
  readonly url?: string;
}

type Item = vscode.QuickPickItem & { readonly row?: PickRow };

/** Errors that listing another folder would meet too: the picker ends with them (the error boundary shows them). */
const FATAL: ReadonlySet<string> = new Set(['auth', 'scope', 'config', 'network']);

/**
 * The Drive folder picker: a QuickPick that starts at My Space (with the recently used folders), lists each
 * folder's sub-folders page by page as they arrive, goes into and up, offers "Upload here" and "New folder…", and
 * takes a pasted folder link. Escape cancels (CANCELLED, silent).
 */
export async function pickFolder(services: Services, title: string): Promise<FolderChoice> {
  const lease = await services.clients.acquire();
  try {
    const choice = await new Picker(services, lease, title).run();
    // My Space is where the picker starts anyway: only other folders are worth remembering.
    if (choice.token !== undefined) {
      void services.recentFolders
        .remember(lease.identity, { token: choice.token, name: choice.name, url: choice.url })
        .then(undefined, (err: unknown) => services.log.failure('remember folder', err));
    }
    return choice;
  } finally {
    lease.release();
  }
}

class Picker {
  /** Folders listed in this session, so going up or back does not list again. */
  private readonly listed = new Map<string, { folders: Crumb[]; done: boolean; problem?: string }>();
  private crumbs: Crumb[];

  constructor(
    private readonly services: Services,
    private readonly lease: Lease,
    private readonly title: string,
  ) {
    this.crumbs = [{ token: ROOT, name: services.t('My Space') }];
  }

  async run(): Promise<FolderChoice> {
    for (;;) {
      const action = await this.showLevel();
      if (action === undefined) throw cancelledError();
      const here = this.crumbs[this.crumbs.length - 1];
      switch (action.kind) {
        case 'here':
          return { token: here.token === ROOT ? undefined : here.token, name: pathLabel(this.crumbs), url: here.url };
        case 'recent':
          return { token: action.folder.token, name: action.folder.name, url: action.folder.url };
        case 'link':
          return this.pasted(action.token);
        case 'up':
          if (this.crumbs.length > 1) this.crumbs = this.crumbs.slice(0, -1);
          break;
        case 'into':
          this.crumbs = [...this.crumbs, action.folder];
          break;
        case 'new':
          await this.newFolder(here);
          break;
      }
    }
  }

  /** One level in its own QuickPick; resolves with what was chosen, or undefined on Escape. */
  private showLevel(): Promise<PickAction | undefined> {
    const t = this.services.t;
    const here = this.crumbs[this.crumbs.length - 1];
    const qp = vscode.window.createQuickPick<Item>();
    qp.title = `${this.title}: ${pathLabel(this.crumbs)}`;
    qp.placeholder = t('Pick a folder, or paste a Feishu folder link');
    // With app credentials My Space is the app's own space, which people cannot browse: said where it is chosen.
    const rootNote = this.lease.identity.kind === 'app' ? t("My Space: the app's own, which people cannot browse") : undefined;
    qp.matchOnDescription = true;
    qp.ignoreFocusOut = true;
    qp.buttons = this.crumbs.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    const controller = new AbortController();
    const recent = this.crumbs.length === 1 ? this.services.recentFolders.list(this.lease.identity) : [];
    let typed: PickRow | undefined;
    const render = (): void => {
      const entry = this.listed.get(here.token);
      const state: LevelState = { crumbs: this.crumbs, folders: entry?.folders, loading: !entry?.done, problem: entry?.problem, recent, rootNote };
      const rows = [...(typed ? [typed] : []), ...levelRows(state, t)];
      qp.items = rows.map((row) => toItem(row, t));
      qp.busy = !entry?.done;
    };
    return new Promise<PickAction | undefined>((resolve, reject) => {
      let settled = false;
      const finish = (action: PickAction | undefined, error?: unknown): void => {
        if (settled) return;
        settled = true;
        controller.abort();
        qp.dispose();
        if (error !== undefined) reject(error);
        else resolve(action);
      };
      qp.onDidChangeValue((value) => {
        typed = typedRow(value, t);
        render();
      });
      qp.onDidAccept(() => {
        const action = qp.selectedItems[0]?.row?.action ?? qp.activeItems[0]?.row?.action;
        if (action) finish(action);
      });
      qp.onDidTriggerButton(() => finish({ kind: 'up' }));
      qp.onDidTriggerItemButton((e) => {
        const folder = e.item.row?.action?.kind === 'recent' ? e.item.row.action.folder : undefined;
        if (folder) finish({ kind: 'into', folder: { token: folder.token, name: folder.name, url: folder.url } });
      });
      qp.onDidHide(() => finish(undefined));
      render();
      qp.show();
      void this.list(here.token, controller.signal, render).catch((err: unknown) => finish(undefined, err));
    });
  }

  /**
   * Lists a folder once per session, page by page (each page shown as it comes). A problem that listing any
   * folder would meet ends the picker; others (no permission on this folder…) are shown in its place.
   */
  private async list(token: string, signal: AbortSignal, render: () => void): Promise<void> {
    const known = this.listed.get(token);
    if (known?.done) return;
    const entry: { folders: Crumb[]; done: boolean; problem?: string } = { folders: [], done: false };
    this.listed.set(token, entry);
    const items: DriveItem[] = [];
    try {
      await this.lease.drive.list(token || undefined, signal, (page) => {
        items.push(...page);
        entry.folders = subFolders(items);
        render();
      });
      entry.done = true;
    } catch (err) {
      this.listed.delete(token);
      if (isCancelled(err) || signal.aborted) return;
      if (err instanceof FeishuError && FATAL.has(err.category)) throw err;
      this.services.log.failure(`list folder ${token || 'My Space'}`, err);
      this.listed.set(token, { folders: entry.folders, done: true, problem: describeError(err, this.services.t).text });
    }
    render();
  }

  /** "New folder…": a name, then the folder (or the one of that name already there), which the picker opens. */
  private async newFolder(parent: Crumb): Promise<void> {
    const t = this.services.t;
    const name = await vscode.window.showInputBox({
      title: t('New folder in {0}', parent.name),
      prompt: t('Name of the new Feishu folder'),
      ignoreFocusOut: true,
      validateInput: (text) => inputProblem(() => checkFolderName(text), t),
    });
    if (name === undefined) return;
    try {
      const made = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: t('Creating the Feishu folder…') }, () =>
        this.lease.drive.mkdir([name], parent.token || undefined, undefined, grantee(this.lease)),
      );
      this.services.log.info(`${made.created ? 'created' : 'reused'} folder "${name}" (${made.token}) in ${parent.token || 'My Space'}`);
      if (!made.created) vscode.window.setStatusBarMessage(t('A folder named "{0}" is already there; it is opened.', name), 5000);
      // The parent is listed again next time (it holds one more folder); the new one is empty.
      this.listed.delete(parent.token);
      if (made.created) this.listed.set(made.token, { folders: [], done: true });
      this.crumbs = [...this.crumbs, { token: made.token, name, url: made.url }];
    } catch (err) {
      if (isCancelled(err)) return;
      this.services.log.failure(`create folder "${name}"`, err);
      // The picker stays open at the parent: the message says why, the user picks again.
      void showNotice(this.services, 'error', describeError(err, t)).then(undefined, (e: unknown) => this.services.log.failure('folder error message', e));
    }
  }

  /** A pasted link: named by Feishu if it can (metas), else by its token. */
  private async pasted(token: string): Promise<FolderChoice> {
    try {
      const answer = await this.lease.drive.api.batchQueryMetas([{ token, type: 'folder' }], true);
      const meta = answer.metas.find((m) => m.token === token);
      if (meta) return { token, name: meta.title || token, url: meta.url };
    } catch (err) {
      this.services.log.failure(`look up folder ${token}`, err);
    }
    return { token, name: token };
  }
}

function toItem(row: PickRow, t: (message: string) => string): Item {
  if (row.separator) return { label: row.label, kind: vscode.QuickPickItemKind.Separator };
  return {
    label: row.label,
    description: row.description,
    detail: row.detail,
    alwaysShow: row.alwaysShow,
    buttons: row.browse ? [{ iconPath: new vscode.ThemeIcon('folder-opened'), tooltip: t('Open this folder') }] : undefined,
    row,
  };
}
