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
  /** Labels to pick in showQuickPick, in order; undefined = Escape. */
  picks: (string | undefined)[] = [];
  /** What showOpenDialog returns (undefined = the dialog was cancelled). */
  openDialogResult?: FakeUri[];
  /** Picks a button for each message; undefined = dismissed. */
  answer: (shown: Shown) => string | undefined = () => undefined;
  /** Cancel the running progress notification once it has reported this many times. */
  cancelAfterReports?: number;
  readonly shown: Shown[] = [];
  readonly inputPrompts: { title?: string; password?: boolean; problem?: string }[] = [];
  /** Every quick pick shown: its title and the labels and descriptions of its items. */
  readonly quickPicks: { title?: string; items: { label: string; description?: string }[] }[] = [];
  readonly log: string[] = [];
  readonly reports: { message?: string; increment?: number }[] = [];
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
  /** Settings the extension writes to user settings (Global) take effect, as in VS Code. Default: only recorded. */
  applySettingWrites = false;
  workspaceFolder = '/';
  readonly commands = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  readonly secretMap = new Map<string, string>();
  readonly globalState = new Map<string, unknown>();
  private readonly secretChanged = emitter<{ key: string }>();

  /** Forgets everything a previous test scripted or saw. */
  reset(): void {
    for (const list of [
      this.inputs,
      this.picks,
      this.shown,
      this.inputPrompts,
      this.quickPicks,
      this.log,
      this.reports,
      this.statusTexts,
      this.statusMessages,
      this.opened,
      this.executed,
      this.settingsWritten,
    ]) {
      list.length = 0;
    }
    this.answer = () => undefined;
    this.onOpenExternal = () => undefined;
    this.applySettingWrites = false;
    this.openDialogResult = undefined;
    this.globalState.clear();
    this.cancelAfterReports = undefined;
    this.clipboard = '';
    this.userSettings = {};
    this.secretMap.clear();
    this.module.window.activeTextEditor = undefined;
    this.module.window.visibleTextEditors = [];
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
      get: (key: string) => (section === 'files' && key === 'exclude' ? { '**/.git': true, '**/*.tmp': true } : this.userSettings[`${section}.${key}`]),
      inspect: (key: string) => ({ globalValue: this.userSettings[`${section}.${key}`] }),
      update: async (key: string, value: unknown, target: unknown) => {
        this.settingsWritten.push({ key: `${section}.${key}`, value, target });
        if (this.applySettingWrites && target === 1) this.userSettings[`${section}.${key}`] = value;
      },
    });
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
      StatusBarAlignment: { Left: 1, Right: 2 },
      ProgressLocation: { Notification: 15 },
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
        isTrusted: true,
        getConfiguration: configuration,
        onDidChangeConfiguration: emitter<unknown>().event,
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
        showOpenDialog: async () => this.openDialogResult,
        showQuickPick: async <T extends { label: string; description?: string }>(items: readonly T[], options?: { title?: string }) => {
          this.quickPicks.push({ title: options?.title, items: items.map((i) => ({ label: i.label, description: i.description })) });
          const label = this.picks.shift();
          if (label === undefined) return undefined;
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
        withProgress: async (_options: unknown, task: (p: unknown, token: unknown) => Promise<unknown>) => {
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
