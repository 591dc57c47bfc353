import { parseSession, type SessionStore, type StoredSession } from '../../core';

/** The part of vscode.SecretStorage this class uses; a port so unit tests use a Map. */
export interface SecretStoragePort {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
  onDidChange(listener: (e: { key: string }) => unknown): { dispose(): unknown };
}

/** Keys in SecretStorage. The App ID lives there too: credentials never go to settings or globalState. */
export const SECRET_KEYS = {
  appId: 'feishu.appId',
  appSecret: 'feishu.appSecret',
  userAccessToken: 'feishu.userAccessToken',
  /** The signed-in user: tokens, expiry, who (a StoredSession as JSON). */
  userSession: 'feishu.userSession',
} as const;

const OUR_KEYS: ReadonlySet<string> = new Set(Object.values(SECRET_KEYS));

/**
 * The extension's secrets: the app's credentials (the app as an identity, and the OAuth client for signing in),
 * and one user — signed in (a renewing session) or a pasted user access token, never both. SecretStorage is per
 * machine and shared by all windows; onDidChange tells the other windows to follow.
 */
export class SecretStore {
  /** The signed-in user's session, for the core's UserSession. */
  readonly sessions: SessionStore;

  constructor(private readonly storage: SecretStoragePort) {
    this.sessions = {
      load: async () => parseSession(await this.storage.get(SECRET_KEYS.userSession)),
      // One store() replaces the old value: the new refresh token is saved before the old one is gone.
      save: async (session: StoredSession) => this.storage.store(SECRET_KEYS.userSession, JSON.stringify(session)),
      clear: async () => this.storage.delete(SECRET_KEYS.userSession),
    };
  }

  /** App ID + App Secret when both are set. */
  async appCredentials(): Promise<{ appId: string; appSecret: string } | undefined> {
    const [appId, appSecret] = await Promise.all([this.storage.get(SECRET_KEYS.appId), this.storage.get(SECRET_KEYS.appSecret)]);
    return appId && appSecret ? { appId, appSecret } : undefined;
  }

  /** A user access token pasted with "Set User Access Token" (an expert option: not renewed). */
  async pastedToken(): Promise<string | undefined> {
    return (await this.storage.get(SECRET_KEYS.userAccessToken)) || undefined;
  }

  /** The App ID last saved, to prefill the input box. */
  async appId(): Promise<string | undefined> {
    return this.storage.get(SECRET_KEYS.appId);
  }

  /**
   * Saves the app's credentials; a pasted token goes (the app replaces it), and so does a sign-in made with
   * another app (it cannot be renewed with this one).
   */
  async setAppCredentials(appId: string, appSecret: string): Promise<void> {
    const session = await this.sessions.load();
    await this.storage.store(SECRET_KEYS.appId, appId.trim());
    await this.storage.store(SECRET_KEYS.appSecret, appSecret.trim());
    await this.storage.delete(SECRET_KEYS.userAccessToken);
    if (session && session.appId !== appId.trim()) await this.sessions.clear();
  }

  /** A pasted user token replaces a sign-in (one user at a time); the app's credentials stay. */
  async setUserAccessToken(token: string): Promise<void> {
    await this.storage.store(SECRET_KEYS.userAccessToken, token.trim());
    await this.sessions.clear();
  }

  /** A new sign-in replaces a pasted token. */
  async saveSignIn(session: StoredSession): Promise<void> {
    await this.sessions.save(session);
    await this.storage.delete(SECRET_KEYS.userAccessToken);
  }

  /** Forgets the user (sign-in and pasted token); true when there was one. */
  async signOutUser(): Promise<boolean> {
    const [session, pasted] = await Promise.all([this.storage.get(SECRET_KEYS.userSession), this.storage.get(SECRET_KEYS.userAccessToken)]);
    await this.sessions.clear();
    await this.storage.delete(SECRET_KEYS.userAccessToken);
    return session !== undefined || pasted !== undefined;
  }

  /** Forgets the app's credentials; true when they were set. */
  async forgetApp(): Promise<boolean> {
    const [appId, appSecret] = await Promise.all([this.storage.get(SECRET_KEYS.appId), this.storage.get(SECRET_KEYS.appSecret)]);
    await this.storage.delete(SECRET_KEYS.appId);
    await this.storage.delete(SECRET_KEYS.appSecret);
    return appId !== undefined || appSecret !== undefined;
  }

  /** Fires when any of our keys changes, in this window or another. */
  onDidChange(listener: (key: string) => void): { dispose(): unknown } {
    return this.storage.onDidChange((e) => {
      if (OUR_KEYS.has(e.key)) listener(e.key);
    });
  }
}
