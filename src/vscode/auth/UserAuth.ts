import {
  connectOAuth,
  FeishuError,
  renewalLock,
  UserSession,
  type CallInfo,
  type Credentials,
  type OAuthApi,
  type SignedInUser,
  type StoredSession,
} from '../../core';
import type { FeishuSettings } from '../config/settings';
import type { SecretStore } from '../credentials/SecretStore';
import { chooseIdentity, type IdentityChoice, type IdentityFacts } from './identityChoice';

/** The part of vscode.Memento this class uses (globalState: per machine, not secret). */
export interface StatePort {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** globalState: someone signed in on this machine before (a flag, no secret). */
export const SIGNED_IN_BEFORE_KEY = 'feishu.signedInBefore';

export interface UserAuthOptions {
  secrets: SecretStore;
  settings(): FeishuSettings;
  state: StatePort;
  /** The renewal lock's folder (the extension's global storage: shared by the windows of this machine). */
  lockDir: string;
  log: { info(message: string): void; warn(message: string): void };
  onCall?: (info: CallInfo) => void;
}

/** What the engines need: the credentials to act with, and the signed-in person (also when acting as the app). */
export interface Connection {
  credentials: Credentials;
  signedInUser?: SignedInUser;
}

interface Built {
  key: string;
  oauth: OAuthApi;
  session: UserSession;
}

/**
 * The signed-in user of this window: the OAuth client (the user's own app) and the UserSession over
 * SecretStorage, rebuilt when the app or the API base changes; who uploads act as (feishu.identity); sign-in
 * results saved; sign-out. Renewals are shared by the windows of this machine: a file lock in global storage,
 * and SecretStorage's change event (reload) so each window reads what another stored.
 */
export class UserAuth {
  private built?: Built;

  constructor(private readonly options: UserAuthOptions) {}

  /** The OAuth client for the current app; NO_APP_CREDENTIALS without one, BAD_BASE_URL for a bad base URL. */
  async oauth(): Promise<OAuthApi> {
    const built = await this.current();
    if (!built) throw new FeishuError({ code: 'NO_APP_CREDENTIALS' });
    return built.oauth;
  }

  /** The stored sign-in of the current app, if any. */
  async signedIn(): Promise<{ session: UserSession; user: SignedInUser; stored: StoredSession } | undefined> {
    const built = await this.current().catch(() => undefined);
    const stored = await built?.session.current();
    return built && stored ? { session: built.session, user: { openId: stored.openId, name: stored.name }, stored } : undefined;
  }

  async facts(): Promise<IdentityFacts> {
    const [app, pasted, signedIn] = await Promise.all([this.options.secrets.appCredentials(), this.options.secrets.pastedToken(), this.signedIn()]);
    return {
      setting: this.options.settings().identity,
      app: app !== undefined,
      signedIn: signedIn !== undefined,
      pasted: pasted !== undefined,
      signedInBefore: this.options.state.get(SIGNED_IN_BEFORE_KEY) === true,
    };
  }

  async choice(): Promise<IdentityChoice> {
    return chooseIdentity(await this.facts());
  }

  /** The credentials uploads use now, following feishu.identity; undefined when something is missing. */
  async connection(): Promise<Connection | undefined> {
    const choice = await this.choice();
    if (!('act' in choice)) return undefined;
    const signedIn = await this.signedIn();
    if (choice.act === 'signedIn' && signedIn) return { credentials: { session: signedIn.session, user: signedIn.user }, signedInUser: signedIn.user };
    if (choice.act === 'pasted') {
      const token = await this.options.secrets.pastedToken();
      return token ? { credentials: { userAccessToken: token } } : undefined;
    }
    const app = await this.options.secrets.appCredentials();
    return app ? { credentials: app, signedInUser: signedIn?.user } : undefined;
  }

  /** Keeps a new sign-in (it replaces a pasted token) and remembers that this machine signs in. */
  async saveSignIn(session: StoredSession): Promise<void> {
    await this.options.secrets.saveSignIn(session);
    await this.options.state.update(SIGNED_IN_BEFORE_KEY, true);
    this.reload();
    this.options.log.info(`Signed in as ${session.name} (${session.openId}) with the app ${session.appId}; granted: ${session.scopes.join(' ')}.`);
  }

  /** Forgets the user (sign-in or pasted token); returns who was signed in, if anyone. */
  async signOut(): Promise<{ name?: string } | undefined> {
    const stored = await this.options.secrets.sessions.load();
    const removed = await this.options.secrets.signOutUser();
    this.reload();
    if (!removed) return undefined;
    this.options.log.info(stored ? `Signed out ${stored.name} (${stored.openId}).` : 'Signed out: the pasted user access token was removed.');
    return { name: stored?.name };
  }

  /** SecretStorage changed (here or in another window): read the session again next time. */
  reload(): void {
    this.built?.session.reload();
  }

  dispose(): void {
    this.built?.oauth.dispose();
    this.built = undefined;
  }

  private async current(): Promise<Built | undefined> {
    const app = await this.options.secrets.appCredentials();
    if (!app) return undefined;
    const { brand, apiBaseUrl } = this.options.settings();
    const key = JSON.stringify([app.appId, app.appSecret, brand, apiBaseUrl]);
    if (this.built?.key === key) return this.built;
    this.built?.oauth.dispose();
    const oauth = connectOAuth({ brand, baseUrl: apiBaseUrl || undefined, ...app, onCall: this.options.onCall, userAgent: 'feishu-upload-vscode' });
    const session = new UserSession({
      store: this.options.secrets.sessions,
      appId: app.appId,
      base: oauth.baseUrl,
      lock: renewalLock(this.options.lockDir, app.appId),
      refresh: (refreshToken) => oauth.refresh(refreshToken),
      onRenewed: (s) => this.options.log.info(`Renewed the sign-in of ${s.name}; the new access token is good until ${new Date(s.accessExpiresAt).toISOString()}.`),
      onSignedOut: (reason) => this.options.log.warn(`The sign-in ended: ${reason.message}`),
    });
    this.built = { key, oauth, session };
    return this.built;
  }
}
