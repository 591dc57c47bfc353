import type { Credentials } from '../../core';

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
} as const;

const OUR_KEYS: ReadonlySet<string> = new Set(Object.values(SECRET_KEYS));

export type Identity = 'app' | 'user';

/**
 * The extension's credentials, one identity at a time: setting app credentials removes a user token and
 * the other way round, so what uploads use is never a surprise. SecretStorage is per machine and shared by
 * all windows; onDidChange tells the other windows to rebuild their client.
 */
export class SecretStore {
  constructor(private readonly storage: SecretStoragePort) {}

  /** What uploads use now: app credentials when both halves are set, else a user token, else undefined. */
  async credentials(): Promise<Credentials | undefined> {
    const [appId, appSecret, userAccessToken] = await Promise.all([
      this.storage.get(SECRET_KEYS.appId),
      this.storage.get(SECRET_KEYS.appSecret),
      this.storage.get(SECRET_KEYS.userAccessToken),
    ]);
    if (appId && appSecret) return { appId, appSecret };
    if (userAccessToken) return { userAccessToken };
    return undefined;
  }

  async identity(): Promise<Identity | undefined> {
    const creds = await this.credentials();
    if (!creds) return undefined;
    return 'userAccessToken' in creds ? 'user' : 'app';
  }

  /** The App ID last saved, to prefill the input box (kept when switching to a user token). */
  async appId(): Promise<string | undefined> {
    return this.storage.get(SECRET_KEYS.appId);
  }

  async setAppCredentials(appId: string, appSecret: string): Promise<void> {
    await this.storage.store(SECRET_KEYS.appId, appId.trim());
    await this.storage.store(SECRET_KEYS.appSecret, appSecret.trim());
    await this.storage.delete(SECRET_KEYS.userAccessToken);
  }

  async setUserAccessToken(token: string): Promise<void> {
    await this.storage.store(SECRET_KEYS.userAccessToken, token.trim());
    await this.storage.delete(SECRET_KEYS.appSecret);
  }

  /** Deletes everything; true when something was there to delete. */
  async signOut(): Promise<boolean> {
    const present = await Promise.all([...OUR_KEYS].map((k) => this.storage.get(k)));
    for (const key of OUR_KEYS) await this.storage.delete(key);
    return present.some((v) => v !== undefined);
  }

  /** Fires when any of our keys changes, in this window or another. */
  onDidChange(listener: () => void): { dispose(): unknown } {
    return this.storage.onDidChange((e) => {
      if (OUR_KEYS.has(e.key)) listener();
    });
  }
}
