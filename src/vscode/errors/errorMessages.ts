import { FeishuError, jobStatusOf, redact, type Brand, type ErrorCategory, type ErrorCode, type Translate } from '../../core';

/** What a button on an error message does; the extension turns each into a command or a link. */
export type ErrorAction =
  | 'signIn'
  | 'useApp'
  | 'setAppCredentials'
  | 'setUserAccessToken'
  | 'openDeveloperConsole'
  | 'changeFolder'
  | 'changeDocument'
  | 'openApiBaseUrlSetting'
  | 'openSizeLimits'
  | 'signInWithCode'
  | 'openSignInPortSetting'
  | 'showLog'
  | 'getStarted';

/** One actionable line: what happened and what to do, with the buttons that do it. */
export interface ErrorNotice {
  readonly text: string;
  readonly actions: readonly ErrorAction[];
  /** Scopes Feishu named as missing (99991679): Sign In asks for them too. */
  readonly scopes?: readonly string[];
}

/** A user token that could not be renewed (or a pasted one): signing in again fixes it. */
const USER_TOKEN_CODES: ReadonlySet<ErrorCode> = new Set([99991668, 99991669, 99991677]);
/** The sign-in is over or cannot work as it is: sign in (again). */
const SIGN_IN_CODES: ReadonlySet<ErrorCode> = new Set([
  'NOT_SIGNED_IN', 'SIGN_IN_DENIED', 'SIGN_IN_TIMEOUT', 'SIGN_IN_STATE_MISMATCH', 'SIGN_IN_CODE_EXPIRED',
  20003, 20004, 20008, 20024, 20026, 20037, 20064, 20065, 20066, 20073,
]);
/** The app's settings in the developer console fix these (or its admin). */
const SIGN_IN_CONSOLE_CODES: ReadonlySet<ErrorCode> = new Set([20009, 20010, 20027, 20069, 20071, 20074]);
/** Fixed in the developer console: app disabled, IP allow-list, monthly API quota. */
const CONSOLE_CODES: ReadonlySet<ErrorCode> = new Set([99991662, 99991401, 99991403]);
/** Limits of the target folder or document, and import targets: another folder helps. */
const FOLDER_LIMIT_CODES: ReadonlySet<ErrorCode> = new Set([1061004, 1061042, 1061547, 1062505, 1062506, 1062507, 1069908, 1069912]);
/** The document (or wiki page) itself is wrong, gone or closed to us: another document helps. */
const DOCUMENT_CODES: ReadonlySet<ErrorCode> = new Set(['BAD_DOCUMENT', 'NOT_A_DOCX', 1770002, 1770003, 1770004, 1770005, 1770007, 1770032, 131005, 131006]);
/** Gone from Feishu's side of an import (its document or its upload): importing again is the fix. */
const IMPORT_AGAIN_CODES: ReadonlySet<ErrorCode> = new Set([1069906, 1069907]);

/** The buttons for a code, most useful first; "Show Log" is added by describeError. */
export function actionsFor(code: ErrorCode, category: ErrorCategory): ErrorAction[] {
  if (code === 'NO_CREDENTIALS') return ['signIn', 'setAppCredentials', 'setUserAccessToken'];
  if (code === 'NO_APP_CREDENTIALS' || code === 20002 || code === 20048) return ['setAppCredentials'];
  if (code === 'SIGN_IN_PORT_IN_USE') return ['signInWithCode', 'openSignInPortSetting'];
  if (code === 20071) return ['signInWithCode', 'openDeveloperConsole'];
  if (SIGN_IN_CODES.has(code)) return ['signIn'];
  if (SIGN_IN_CONSOLE_CODES.has(code)) return ['openDeveloperConsole'];
  if (code === 'BAD_BASE_URL') return ['openApiBaseUrlSetting'];
  if (code === 'BAD_FOLDER') return ['changeFolder'];
  if (code === 1061043) return ['openSizeLimits'];
  if (code === 99991679 || code === 20068) return ['signIn', 'openDeveloperConsole'];
  if (USER_TOKEN_CODES.has(code)) return ['signIn', 'setUserAccessToken'];
  if (CONSOLE_CODES.has(code)) return ['openDeveloperConsole'];
  if (FOLDER_LIMIT_CODES.has(code)) return ['changeFolder'];
  if (DOCUMENT_CODES.has(code)) return ['changeDocument'];
  // The publish flow offers "Publish as New Document" itself.
  if (IMPORT_AGAIN_CODES.has(code) || code === 'DOCUMENT_UNAVAILABLE') return [];
  switch (category) {
    case 'auth':
      // 1062007 (another identity started the upload) and 99991673 (app not installed) are not fixed by new credentials.
      return code === 1062007 || code === 99991673 ? [] : ['setAppCredentials'];
    case 'scope':
      return ['openDeveloperConsole'];
    case 'notFound':
      return ['changeFolder'];
    default:
      return [];
  }
}

/**
 * The message and buttons for anything a command threw. FeishuError text is localised through the
 * catalogue's English meaning and hint (they are the l10n keys); the server's own words (detail) stay as sent.
 */
export function describeError(err: unknown, t: Translate): ErrorNotice {
  if (!(err instanceof FeishuError)) {
    const message = err instanceof Error ? err.message : String(err);
    return { text: t('Unexpected error: {0}', redact(message)), actions: ['showLog'] };
  }
  const jobStatus = jobStatusOf(err.code);
  const code =
    typeof err.code === 'number' ? ` (${t('code {0}', err.code)})` : jobStatus !== undefined ? ` (${t('import status {0}', jobStatus)})` : '';
  const what = [t(err.meaning), err.detail].filter(Boolean).join(' ');
  // What a failed publish left behind comes before the advice.
  const note = err.note ? ` ${t(err.note.text, ...err.note.args)}` : '';
  return { text: `${what}${code}${note} ${hintFor(err, t)}`, actions: [...actionsFor(err.code, err.category), 'showLog'], scopes: err.scopes };
}

/** The catalogue's hint, except where it speaks to CLI users (environment variables). */
function hintFor(err: FeishuError, t: Translate): string {
  if (err.code === 'NO_CREDENTIALS') {
    return t('Run "Feishu: Sign In", or "Feishu: Set App Credentials" (a custom app\'s App ID and App Secret) to act as the app.');
  }
  return t(err.hint);
}

export function actionLabel(action: ErrorAction, t: Translate): string {
  switch (action) {
    case 'signIn':
      return t('Sign In');
    case 'signInWithCode':
      return t('Sign In with a Code');
    case 'useApp':
      return t('Use the App');
    case 'openSignInPortSetting':
      return t('Change Port');
    case 'setAppCredentials':
      return t('Set App Credentials');
    case 'setUserAccessToken':
      return t('Set User Access Token');
    case 'openDeveloperConsole':
      return t('Open Developer Console');
    case 'changeFolder':
      return t('Change Folder');
    case 'changeDocument':
      return t('Change Document');
    case 'openApiBaseUrlSetting':
      return t('Open Settings');
    case 'openSizeLimits':
      return t('Size Limits');
    case 'showLog':
      return t('Show Log');
    case 'getStarted':
      return t('Get Started');
  }
}

/** Where apps are configured (scopes, IP allow-list, versions). */
export function developerConsoleUrl(brand: Brand): string {
  return brand === 'lark' ? 'https://open.larksuite.com/app' : 'https://open.feishu.cn/app';
}

/** The help-center article with the upload size limit of each plan. */
export function sizeLimitsUrl(brand: Brand): string {
  return brand === 'lark'
    ? 'https://www.larksuite.com/hc/en-US/articles/360049067549'
    : 'https://www.feishu.cn/hc/zh-CN/articles/360049067549';
}
