import { DEFAULT_CALLBACK_PORT, isConflictPolicy, isLinkSharing, type Brand, type ConflictPolicy, type LinkSharing } from '../../core';

/** What to do with a file whose name is already in its folder; "ask" is the extension's own. */
export type ConflictSetting = ConflictPolicy | 'ask';

/** The extension's settings, field by field as package.json contributes.configuration declares them. */
export interface FeishuSettings {
  /** `feishu.brand`: Feishu (China) or Lark (international). Default "feishu". Application scope. */
  readonly brand: Brand;
  /**
   * `feishu.defaultFolder`: a folder link or token, or "root" for My Space. Default "" (ask on the first
   * upload). Restricted in untrusted workspaces, so a checked-out repo cannot choose where files go.
   */
  readonly defaultFolder: string;
  /**
   * `feishu.defaultDocument`: the document "Upload to Feishu Document" appends to, a /docx/ or /wiki/ link
   * or a document id. Default "" (ask each time). Restricted in untrusted workspaces for the same reason as
   * the folder: a checked-out repo must not choose which document your files go into.
   */
  readonly defaultDocument: string;
  /**
   * `feishu.apiBaseUrl`: Open API base override, e.g. a local emulator. Default "" (the brand's host).
   * Honoured only from user settings: a workspace must not be able to redirect the tokens.
   */
  readonly apiBaseUrl: string;
  /**
   * `feishu.identity`: who uploads act as. "user" (default): yourself once you have signed in on this machine —
   * until the first sign-in, the app; after a sign-out, Sign In is offered. "app": always the app. Application
   * scope, from user settings only, like the credentials it chooses between.
   */
  readonly identity: 'user' | 'app';
  /**
   * `feishu.signInPort`: the loopback port of the browser sign-in (127.0.0.1). Default 47123, so
   * http://127.0.0.1:47123/callback can be registered once in the app's security settings.
   */
  readonly signInPort: number;
  /**
   * `feishu.onConflict`: a file whose name is already in its Feishu folder: "keep-both" (default; Feishu allows
   * two files of one name), "skip", or "ask" (Skip / Keep Both, for one file or all).
   */
  readonly onConflict: ConflictSetting;
  /**
   * `feishu.linkSharing`: set on every uploaded file: "off" (default), "tenant_readable", "tenant_editable",
   * "anyone_readable". Restricted in untrusted workspaces: a checked-out repo must not make your files public.
   */
  readonly linkSharing: LinkSharing;
}

export const SETTINGS_SECTION = 'feishu';

export const DEFAULT_SETTINGS: FeishuSettings = {
  brand: 'feishu',
  defaultFolder: '',
  defaultDocument: '',
  apiBaseUrl: '',
  identity: 'user',
  signInPort: DEFAULT_CALLBACK_PORT,
  onConflict: 'keep-both',
  linkSharing: 'off',
};

/** Where settings come from: merged values, and the user-settings layer alone. */
export interface SettingsSource {
  /** The effective value (VS Code already drops restricted workspace values in Restricted Mode). */
  get(key: keyof FeishuSettings): unknown;
  /** The value from user settings only. */
  userValue(key: keyof FeishuSettings): unknown;
}

/** Reads and checks every setting in one place; a wrong type falls back to the default. */
export function readSettings(source: SettingsSource): FeishuSettings {
  return {
    // Brand and base URL travel with the credentials, which are per machine: only the user's own values count.
    brand: source.userValue('brand') === 'lark' ? 'lark' : DEFAULT_SETTINGS.brand,
    defaultFolder: text(source.get('defaultFolder')),
    defaultDocument: text(source.get('defaultDocument')),
    apiBaseUrl: text(source.userValue('apiBaseUrl')),
    identity: source.userValue('identity') === 'app' ? 'app' : DEFAULT_SETTINGS.identity,
    signInPort: port(source.userValue('signInPort')),
    onConflict: conflict(source.get('onConflict')),
    linkSharing: sharing(source.get('linkSharing')),
  };
}

function port(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535 ? value : DEFAULT_SETTINGS.signInPort;
}

function conflict(value: unknown): ConflictSetting {
  return value === 'ask' || isConflictPolicy(value) ? value : DEFAULT_SETTINGS.onConflict;
}

function sharing(value: unknown): LinkSharing {
  return isLinkSharing(value) ? value : DEFAULT_SETTINGS.linkSharing;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}
