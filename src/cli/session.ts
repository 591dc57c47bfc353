import {
  connectOAuth,
  createEngines,
  FeishuError,
  FileResumeStore,
  redact,
  UserSession,
  type CallInfo,
  type Credentials,
  type Engines,
  type OAuthApi,
  type SignedInUser,
  type Translate,
} from '../core';
import { openSessionStorage, type CliSessionStorage } from './auth/sessionStorage';
import type { CommonArgs } from './commonArgs';
import { appCredentialsFromEnv, pastedTokenFromEnv } from './credentials';
import type { CliIo } from './io';
import { cliTranslate, describeError } from './i18n';
import { resumeDir } from './appDirs';
import { UsageError } from './UsageError';

/** Who a command acts as: `--as user|app`; undefined = a user when one is signed in, else the app. */
export type ActAs = 'user' | 'app' | undefined;

/** What this machine knows about who may call Feishu: the app from the environment, a sign-in, a pasted token. */
export interface CliAccount {
  app?: { appId: string; appSecret: string };
  /** FEISHU_ACCESS_TOKEN. */
  pasted?: string;
  /** Where the app's sign-in is kept (with app credentials only). */
  storage?: CliSessionStorage;
  /** The app's signed-in user and their renewing tokens. */
  signedIn?: { session: UserSession; user: SignedInUser };
  /** The OAuth client for renewals (and sign-in); dispose() closes it. */
  oauth?: OAuthApi;
  dispose(): void;
}

/** Reads the account for one run; `warn` gets the storage's warnings (login passes it). */
export async function readAccount(args: CommonArgs, io: CliIo, warn?: (line: string) => void): Promise<CliAccount> {
  const t = cliTranslate(io.env);
  const app = appCredentialsFromEnv(io.env);
  const pasted = pastedTokenFromEnv(io.env);
  if (!app) return { pasted, dispose: () => undefined };
  let oauth: OAuthApi;
  try {
    oauth = connectOAuth({ brand: args.brand, baseUrl: args.baseUrl, ...app, onCall: verboseCalls(args, io), userAgent: 'feishu-upload-cli' });
  } catch (err) {
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
  const storage = await openSessionStorage(io.env, app.appId, oauth.baseUrl, t, warn);
  const session = new UserSession({
    store: storage.store,
    appId: app.appId,
    base: oauth.baseUrl,
    lock: storage.lock,
    refresh: (refreshToken) => oauth.refresh(refreshToken),
    onRenewed: args.verbose ? (s) => io.stderr.write(`${t('renewed the sign-in of {0}; the new access token is good until {1}', s.name, new Date(s.accessExpiresAt).toISOString())}\n`) : undefined,
  });
  const user = await session.user();
  return { app, pasted, oauth, storage, signedIn: user && { session, user }, dispose: () => oauth.dispose() };
}

/**
 * The credentials to act with: `--as user` → the sign-in, else FEISHU_ACCESS_TOKEN; `--as app` → the app, naming
 * the signed-in user (if any) for what may be shared with them; neither → a user when signed in, else the app.
 * What is missing is a usage error (exit 2) that says how to get it.
 */
export function chooseCredentials(account: CliAccount, as: ActAs): { credentials: Credentials; signedInUser?: SignedInUser } {
  const signedIn = account.signedIn;
  const actAs = as ?? (signedIn || (account.pasted && !account.app) ? 'user' : account.app ? 'app' : undefined);
  if (actAs === undefined) throw UsageError.of(new FeishuError({ code: 'NO_CREDENTIALS' }));
  if (actAs === 'user') {
    if (signedIn) return { credentials: { session: signedIn.session, user: signedIn.user }, signedInUser: signedIn.user };
    if (account.pasted) return { credentials: { userAccessToken: account.pasted } };
    throw UsageError.of(new FeishuError({ code: 'NOT_SIGNED_IN', detail: account.app ? undefined : 'FEISHU_APP_ID and FEISHU_APP_SECRET are not set either.' }));
  }
  if (!account.app) throw UsageError.of(new FeishuError({ code: 'NO_APP_CREDENTIALS' }));
  return { credentials: account.app, signedInUser: signedIn?.user };
}

/** The engines for one CLI run, as `as` says; missing credentials or a bad base URL are usage errors (exit 2). */
export async function openSession(args: CommonArgs & { as?: ActAs }, io: CliIo): Promise<Engines> {
  const t = cliTranslate(io.env);
  const account = await readAccount(args, io);
  try {
    const { credentials, signedInUser } = chooseCredentials(account, args.as);
    const engines = createEngines({
      brand: args.brand,
      baseUrl: args.baseUrl,
      credentials,
      signedInUser,
      onCall: verboseCalls(args, io),
      onRetry: args.verbose ? (e, n, ms) => io.stderr.write(`${t('retry {0} in {1} ms after: {2}', n + 1, ms, describeError(e, t))}\n`) : undefined,
      onWarning: (w) => io.stderr.write(`${t('warning: {0}', redact(w))}\n`),
      userAgent: 'feishu-upload-cli',
      // Multipart uploads are recorded here, so running the same command again continues an interrupted one.
      resumeStore: new FileResumeStore(resumeDir(io.env)),
    });
    if (args.verbose) io.stderr.write(`${actingLine(engines, t)}\n`);
    return { ...engines, dispose: () => (engines.dispose(), account.dispose()) };
  } catch (err) {
    account.dispose();
    if (err instanceof FeishuError) throw UsageError.of(err);
    throw err;
  }
}

/** "acting as Ada Lin (ou_…)" / "acting as the app cli_…": what --verbose says first. */
export function actingLine(engines: Pick<Engines, 'identity' | 'signedInUser'>, t: Translate): string {
  const id = engines.identity;
  if (id.kind === 'app') return t('acting as the app {0}', id.id);
  return id.name ? t('acting as {0} ({1})', id.name, id.id) : t('acting as the user of FEISHU_ACCESS_TOKEN');
}

function verboseCalls(args: CommonArgs, io: CliIo): ((c: CallInfo) => void) | undefined {
  return args.verbose ? (c) => io.stderr.write(`${callLine(c)}\n`) : undefined;
}

function callLine(c: CallInfo): string {
  return redact(`${c.method} ${c.endpoint} -> HTTP ${c.httpStatus ?? '-'} code ${c.code ?? '-'} log ${c.logId ?? '-'} ${c.ms} ms`);
}
