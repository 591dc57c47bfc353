import Module from 'node:module';
import * as path from 'node:path';
import { english } from '../../src/core';

/**
 * A stand-in for the `vscode` module, just wide enough for the extension's adapters: the test scripts the
 * user's answers (input boxes, buttons, Cancel) and reads what the extension showed, copied and logged.
 */
export class FakeUri {
  private constructor(
    readonly scheme: string,
    readonly fsPath: string,
    private readonly text: string,
  ) {}
  static file(p: string): FakeUri {
    return new FakeUri('file', p, `file://${p}`);
  }
  static parse(text: string): FakeUri {
    return new FakeUri(text.split(':')[0], '', text);
  }
  toString(): string {
    return this.text;
  }
}

/** A scripted answer to a quick pick made with createQuickPick: an item's label (icons like "$(folder) " may be left
 * out), Escape (undefined), text typed into the filter box then Enter, the title bar's Back button, or an item's button. */
export type PickScript = string | undefined | { value: string } | { back: true } | { itemButton: string };

export interface Shown {
  severity: 'info' | 'warning' | 'error';
  text: string;
  items: string[];
  modal: boolean;
}

type Listener<T> = (e: T) => unknown;

function emitter<T>(): { event: (l: Listener<T>) => { dispose(): void }; fire(e: T): void } {
  const listeners = new Set<Listener<T>>();
  return {
    event: (l) => {
      listeners.add(l);
      return { dispose: () => listeners.delete(l) };
    },
    fire: (e) => {
      for (const l of listeners) l(e);
    },
  };
}

export class FakeVscode {
  /** Answers for showInputBox, in order; undefined = Escape. Each is checked with validateInput first. */
  inputs: (string | undefined)[] = [];
  /** Labels to pick in showQuickPick and createQuickPick, in order; undefined = Escape (see PickScript). */
  picks: PickScript[] = [];
  /** What went wrong driving a quick pick (an item that never showed up): tests assert it stays empty. */
  readonly problems: string[] = [];
  /** The options of every open dialog shown. */
  readonly openDialogs: { title?: string; filters?: Record<string, string[]> }[] = [];
  /** What showOpenDialog returns (undefined = the dialog was cancelled). */
  openDialogResult?: FakeUri[];
  /** Picks a button for each message; undefined = dismissed. */
  answer: (shown: Shown) => string | undefined = () => undefined;
  /** Cancel the running progress notification once it has reported this many times. */
  cancelAfterReports?: number;
  readonly shown: Shown[] = [];
  readonly inputPrompts: { title?: string; password?: boolean; problem?: string }[] = [];
  /** Every quick pick shown: its title and the labels and descriptions of its items (createQuickPick: when answered). */
  readonly quickPicks: { title?: string; placeholder?: string; items: { label: string; description?: string; separator?: boolean }[] }[] = [];
  /** Tree data providers registered with createTreeView, by view id. */
  readonly treeViews = new Map<string, { getChildren(e?: unknown): unknown; getTreeItem(e: unknown): unknown }>();
  readonly log: string[] = [];
  readonly reports: { message?: string; increment?: number }[] = [];
  /** The title of every progress notification shown. */
  readonly progressTitles: string[] = [];
  /** What the status bar item showed, "(hidden)" when hidden. */
  readonly statusTexts: string[] = [];
  /** Transient window.setStatusBarMessage texts ("Link copied."). */
  readonly statusMessages: string[] = [];
  readonly opened: string[] = [];
  /** What env.openExternal does with a URL besides recording it (a test plays the browser here). */
  onOpenExternal: (url: string) => void = () => undefined;
  /** Providers registered through vscode.authentication, by id. */
  readonly authProviders = new Map<string, { label: string; provider: unknown }>();
  /** Where context.globalStorageUri points (a temp folder the host makes). */
  globalStorage = '';
  readonly executed: unknown[][] = [];
  readonly settingsWritten: { key: string; value: unknown; target: unknown }[] = [];
  clipboard = '';
  userSettings: Record<string, unknown> = {};
  private readonly configChanges = emitter<{ affectsConfiguration(section: string): boolean }>();
  /** Settings the extension writes to user settings (Global) take effect, as in VS Code. Default: only recorded. */
  applySettingWrites = false;
  /** Workspace-level values (merged over the user's in get(); their own layer in inspect()). */
  workspaceSettings: Record<string, unknown> = {};
  workspaceFolder = '/';
  readonly commands = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  readonly secretMap = new Map<string, string>();
  readonly globalState = new Map<string, unknown>();
  private readonly secretChanged = emitter<{ key: string }>();

  /** Forgets everything a previous test scripted or saw. */
  /** Changes user settings as the Settings editor does: the values, then onDidChangeConfiguration. */
  changeSettings(values: Record<string, unknown>): void {
    Object.assign(this.userSettings, values);
    const keys = Object.keys(values);
    this.configChanges.fire({ affectsConfiguration: (section) => keys.some((k) => k === section || k.startsWith(`${section}.`)) });
  }

  reset(): void {
    for (const list of [
      this.inputs,
      this.picks,
      this.shown,
      this.inputPrompts,
      this.quickPicks,
      this.log,
      this.reports,
      this.progressTitles,
      this.statusTexts,
      this.statusMessages,
      this.opened,
      this.executed,
      this.settingsWritten,
      this.problems,
      this.openDialogs,
    ]) {
      list.length = 0;
    }
    this.answer = () => undefined;
    this.onOpenExternal = () => undefined;
    this.applySettingWrites = false;
    this.openDialogResult = undefined;
    this.globalState.clear();
    this.treeViews.clear();
    this.workspaceSettings = {};
    this.cancelAfterReports = undefined;
    this.clipboard = '';
    this.userSettings = {};
    this.secretMap.clear();
    this.module.window.activeTextEditor = undefined;
    this.module.window.visibleTextEditors = [];
    this.module.workspace.textDocuments = [];
  }

  /** Makes a Markdown editor active; its text is what Insert Link wrote. */
  openMarkdownEditor(): { text: string } {
    const doc = { languageId: 'markdown', uri: FakeUri.file(`${this.workspaceFolder}/notes.md`), text: 'See: ' };
    const editor = {
      document: doc,
      selection: { active: 'end' },
      edit: async (build: (b: { insert(at: unknown, text: string): void }) => void) => {
        build({ insert: (_at, text) => void (doc.text += text) });
        return true;
      },
    };
    this.module.window.activeTextEditor = editor;
    this.module.window.visibleTextEditors = [editor];
    return doc;
  }

  /** Makes `filePath` the active Markdown editor, holding `text` (unsaved unless `dirty` is false). */
  openMarkdownFile(filePath: string, text: string, dirty = true): void {
    const doc = { languageId: 'markdown', uri: FakeUri.file(filePath), isDirty: dirty, getText: () => text };
    const editor = { document: doc, selection: { active: 'end' } };
    this.module.window.activeTextEditor = editor;
    this.module.window.visibleTextEditors = [editor];
    this.module.workspace.textDocuments = [doc];
  }

  /** The object handed to `require('vscode')`. */
  readonly module = this.build();

  install(): void {
    const load = (Module as unknown as { _load: (...a: unknown[]) => unknown })._load;
    const fake = this.module;
    (Module as unknown as { _load: (...a: unknown[]) => unknown })._load = function (request: unknown, ...rest: unknown[]) {
      return request === 'vscode' ? fake : load.call(this, request, ...rest);
    };
  }

  context(): { subscriptions: { dispose(): unknown }[]; secrets: unknown; globalState: unknown; globalStorageUri: FakeUri } {
    const map = this.secretMap;
    const changed = this.secretChanged;
    const state = this.globalState;
    return {
      subscriptions: [],
      globalStorageUri: FakeUri.file(this.globalStorage),
      globalState: {
        get: (k: string) => state.get(k),
        update: async (k: string, v: unknown) => void state.set(k, v),
        keys: () => [...state.keys()],
      },
      secrets: {
        get: async (k: string) => map.get(k),
        store: async (k: string, v: string) => {
          map.set(k, v);
          changed.fire({ key: k });
        },
        delete: async (k: string) => {
          map.delete(k);
          changed.fire({ key: k });
        },
        onDidChange: changed.event,
      },
    };
  }

  async run(id: string, ...args: unknown[]): Promise<void> {
    const handler = this.commands.get(id);
    if (!handler) throw new Error(`${id} is not registered`);
    await handler(...args);
  }

  /** Waits (in real time, briefly) for something shown without being awaited by the command. */
  async waitFor<T>(probe: () => T | undefined, what: string): Promise<T> {
    for (let i = 0; i < 500; i++) {
      const found = probe();
      if (found !== undefined && found !== false) return found;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`timed out waiting for ${what}; shown: ${JSON.stringify(this.shown.map((s) => s.text))}`);
  }

  setWorkspace(dir: string): void {
    this.workspaceFolder = dir;
    this.module.workspace.workspaceFolders = [{ uri: FakeUri.file(dir) }];
  }

  /**
   * createQuickPick: answers with the next script of `picks` once the pick is idle (not busy) and shows what the
   * script needs; records the items it answered from.
   */
  private quickPick() {
    const accept = emitter<void>();
    const hide = emitter<void>();
    const changeValue = emitter<string>();
    const button = emitter<unknown>();
    const itemButton = emitter<{ button: unknown; item: { label: string } }>();
    let disposed = false;
    const qp = {
      items: [] as { label: string; description?: string; kind?: number; alwaysShow?: boolean }[],
      value: '',
      busy: false,
      title: undefined as string | undefined,
      placeholder: undefined as string | undefined,
      matchOnDescription: false,
      ignoreFocusOut: false,
      buttons: [] as unknown[],
      selectedItems: [] as unknown[],
      activeItems: [] as unknown[],
      onDidAccept: accept.event,
      onDidHide: hide.event,
      onDidChangeValue: changeValue.event,
      onDidTriggerButton: button.event,
      onDidTriggerItemButton: itemButton.event,
      show: () => void drive(),
      hide: () => hide.fire(),
      dispose: () => void (disposed = true),
    };
    const plain = (label: string): string => label.replace(/^\$\([^)]+\)\s*/, '');
    const find = (label: string) => qp.items.find((i) => i.kind !== -1 && (i.label === label || plain(i.label) === label));
    const snapshot = (): void => {
      this.quickPicks.push({
        title: qp.title,
        placeholder: qp.placeholder,
        items: qp.items.map((i) => ({ label: i.label, description: i.description, ...(i.kind === -1 ? { separator: true } : {}) })),
      });
    };
    /** Answers one script; false when what it needs never showed up. */
    const answer = async (script: PickScript): Promise<boolean> => {
      for (let i = 0; i < 500 && !disposed; i++) {
        if (!qp.busy) {
          if (script === undefined) {
            snapshot();
            hide.fire();
            return true;
          }
          if (typeof script === 'object' && 'back' in script) {
            snapshot();
            button.fire({ id: 'back' });
            return true;
          }
          if (typeof script === 'object' && 'value' in script) {
            qp.value = script.value;
            changeValue.fire(script.value);
            const first = qp.items.find((item) => item.alwaysShow && item.kind !== -1);
            if (first) {
              snapshot();
              qp.selectedItems = [first];
              accept.fire();
              return true;
            }
          }
          if (typeof script === 'object' && 'itemButton' in script) {
            const item = find(script.itemButton);
            if (item) {
              snapshot();
              itemButton.fire({ button: {}, item });
              return true;
            }
          }
          if (typeof script === 'string') {
            const item = find(script);
            if (item) {
              snapshot();
              qp.selectedItems = [item];
              qp.activeItems = [item];
              accept.fire();
              return true;
            }
          }
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      return disposed;
    };
    /** Scripts in turn until the pick closes (an accept that chose nothing leaves it open, as in VS Code). */
    const drive = async (): Promise<void> => {
      while (!disposed) {
        if (this.picks.length === 0) {
          await new Promise((r) => setTimeout(r, 2000));
          if (disposed) return;
          snapshot();
          this.problems.push(`quick pick "${qp.title}" still open and nothing left to answer: ${JSON.stringify(qp.items.map((i) => i.label))}`);
          return hide.fire();
        }
        const script = this.picks.shift();
        if (!(await answer(script))) {
          snapshot();
          this.problems.push(`quick pick "${qp.title}": ${JSON.stringify(script)} never showed up in ${JSON.stringify(qp.items.map((i) => i.label))}`);
          return hide.fire();
        }
        for (let i = 0; i < 10 && !disposed; i++) await new Promise((r) => setTimeout(r, 10));
      }
    };
    return qp;
  }

  private build() {
    const show =
      (severity: Shown['severity']) =>
      async (text: string, ...rest: unknown[]): Promise<string | undefined> => {
        const modal = typeof rest[0] === 'object' && rest[0] !== null && (rest[0] as { modal?: boolean }).modal === true;
        const items = rest.filter((r): r is string => typeof r === 'string');
        const shown = { severity, text, items, modal };
        this.shown.push(shown);
        const pick = this.answer(shown);
        if (pick !== undefined && !items.includes(pick)) throw new Error(`"${pick}" is not a button of "${text}": ${items.join(' | ')}`);
        return pick;
      };
    const configuration = (section: string) => ({
      get: (key: string) =>
        section === 'files' && key === 'exclude' ? { '**/.git': true, '**/*.tmp': true } : (this.workspaceSettings[`${section}.${key}`] ?? this.userSettings[`${section}.${key}`]),
      inspect: (key: string) => ({ globalValue: this.userSettings[`${section}.${key}`], workspaceValue: this.workspaceSettings[`${section}.${key}`] }),
      update: async (key: string, value: unknown, target: unknown) => {
        this.settingsWritten.push({ key: `${section}.${key}`, value, target });
        if (this.applySettingWrites && target === 1) this.userSettings[`${section}.${key}`] = value;
      },
    });
    const quickPick = () => this.quickPick();
    class TreeItem {
      id?: string;
      description?: string;
      tooltip?: string;
      resourceUri?: FakeUri;
      iconPath?: unknown;
      contextValue?: string;
      constructor(
        readonly label: string,
        readonly collapsibleState: number,
      ) {}
    }
    class ThemeIcon {
      constructor(readonly id: string) {}
    }
    return {
      Uri: FakeUri,
      EventEmitter: class<T> {
        private readonly e = emitter<T>();
        readonly event = this.e.event;
        fire(value: T): void {
          this.e.fire(value);
        }
        dispose(): void {
          // nothing to release
        }
      },
      authentication: {
        registerAuthenticationProvider: (id: string, label: string, provider: unknown) => {
          this.authProviders.set(id, { label, provider });
          return { dispose: () => this.authProviders.delete(id) };
        },
      },
      TreeItem,
      ThemeIcon,
      TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
      QuickPickItemKind: { Separator: -1, Default: 0 },
      QuickInputButtons: { Back: { id: 'back' } },
      StatusBarAlignment: { Left: 1, Right: 2 },
      ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
      ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
      l10n: { t: english },
      env: {
        clipboard: { writeText: async (text: string) => void (this.clipboard = text) },
        openExternal: async (uri: FakeUri) => {
          this.opened.push(uri.toString());
          this.onOpenExternal(uri.toString());
          return true;
        },
        asExternalUri: async (uri: FakeUri) => uri,
        language: 'en',
      },
      commands: {
        registerCommand: (id: string, handler: (...args: unknown[]) => Promise<unknown>) => {
          this.commands.set(id, handler);
          return { dispose: () => this.commands.delete(id) };
        },
        executeCommand: async (id: string, ...args: unknown[]) => {
          this.executed.push([id, ...args]);
          return this.commands.get(id)?.(...args);
        },
      },
      workspace: {
        workspaceFolders: [] as { uri: FakeUri }[],
        textDocuments: [] as unknown[],
        isTrusted: true,
        getConfiguration: configuration,
        onDidChangeConfiguration: this.configChanges.event,
        getWorkspaceFolder: (uri: FakeUri) => (uri.fsPath.startsWith(this.workspaceFolder + path.sep) ? { uri: FakeUri.file(this.workspaceFolder) } : undefined),
      },
      window: {
        activeTextEditor: undefined as unknown,
        visibleTextEditors: [] as unknown[],
        showInformationMessage: show('info'),
        showWarningMessage: show('warning'),
        showErrorMessage: show('error'),
        setStatusBarMessage: (text: string) => {
          this.statusMessages.push(text);
          return { dispose: () => undefined };
        },
        showInputBox: async (options: { title?: string; password?: boolean; validateInput?: (v: string) => string | undefined }) => {
          const value = this.inputs.shift();
          const problem = value === undefined ? undefined : options.validateInput?.(value);
          this.inputPrompts.push({ title: options.title, password: options.password, problem });
          return problem ? undefined : value;
        },
        showOpenDialog: async (options: { title?: string; filters?: Record<string, string[]> }) => {
          this.openDialogs.push({ title: options.title, filters: options.filters });
          return this.openDialogResult;
        },
        createQuickPick: quickPick,
        createTreeView: (id: string, options: { treeDataProvider: { getChildren(e?: unknown): unknown; getTreeItem(e: unknown): unknown } }) => {
          this.treeViews.set(id, options.treeDataProvider);
          return { onDidChangeVisibility: emitter<{ visible: boolean }>().event, dispose: () => this.treeViews.delete(id) };
        },
        showQuickPick: async <T extends { label: string; description?: string }>(items: readonly T[], options?: { title?: string }) => {
          this.quickPicks.push({ title: options?.title, items: items.map((i) => ({ label: i.label, description: i.description })) });
          const label = this.picks.shift();
          if (label === undefined) return undefined;
          if (typeof label !== 'string') throw new Error(`showQuickPick takes labels, not ${JSON.stringify(label)}`);
          const item = items.find((i) => i.label === label);
          if (!item) throw new Error(`"${label}" is not an item of the quick pick: ${items.map((i) => i.label).join(' | ')}`);
          return item;
        },
        createOutputChannel: (_name: string, _options: unknown) => ({
          info: (m: string) => this.log.push(`info ${m}`),
          warn: (m: string) => this.log.push(`warn ${m}`),
          error: (m: string) => this.log.push(`error ${m}`),
          show: () => this.log.push('(shown)'),
          dispose: () => undefined,
        }),
        createStatusBarItem: () => {
          const item = {
            text: '',
            show: () => this.statusTexts.push(item.text),
            hide: () => this.statusTexts.push('(hidden)'),
            dispose: () => undefined,
          };
          return item;
        },
        withProgress: async (options: { title?: string }, task: (p: unknown, token: unknown) => Promise<unknown>) => {
          this.progressTitles.push(options.title ?? '');
          const cancel = emitter<void>();
          const token = { isCancellationRequested: false, onCancellationRequested: cancel.event };
          const progress = {
            report: (r: { message?: string; increment?: number }) => {
              this.reports.push(r);
              if (this.cancelAfterReports !== undefined && this.reports.length >= this.cancelAfterReports && !token.isCancellationRequested) {
                token.isCancellationRequested = true;
                cancel.fire();
              }
            },
          };
          return task(progress, token);
        },
      },
    };
  }
}
