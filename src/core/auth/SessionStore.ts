/**
 * A signed-in user as it is kept between runs: in VS Code's SecretStorage, the OS keychain, or a file only the
 * user can read. Everything in it is secret; none of it ever goes to a log or a message.
 */
export interface StoredSession {
  /** The app the tokens were issued to: a renewal needs the same App ID and Secret (20024 otherwise). */
  appId: string;
  /**
   * The Open API base they were issued through (the brand's host, or an override such as a local emulator): a
   * sign-in made against one service is no sign-in for another.
   */
  base: string;
  openId: string;
  name: string;
  accessToken: string;
  /** Wall-clock epoch ms. */
  accessExpiresAt: number;
  /** Absent when the grant had no offline_access. */
  refreshToken?: string;
  /** Wall-clock epoch ms. */
  refreshExpiresAt?: number;
  /** What the user granted. */
  scopes: string[];
  /** Wall-clock epoch ms of the sign-in. */
  signedInAt: number;
}

/** Where one session lives; a port so the CLI, the extension and tests keep it differently. */
export interface SessionStore {
  load(): Promise<StoredSession | undefined>;
  /** Replaces what is stored in one step: the new refresh token is safe before the old one is gone. */
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

/** The stored text → a session, or undefined when it is not one (an older format, or damaged). */
export function parseSession(text: string | undefined | null): StoredSession | undefined {
  if (!text) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  const str = (k: string): boolean => typeof v[k] === 'string' && v[k] !== '';
  const num = (k: string): boolean => typeof v[k] === 'number' && Number.isFinite(v[k]);
  if (!str('appId') || !str('base') || !str('openId') || typeof v.name !== 'string' || !str('accessToken') || !num('accessExpiresAt') || !num('signedInAt')) return undefined;
  if (v.refreshToken !== undefined && (!str('refreshToken') || !num('refreshExpiresAt'))) return undefined;
  if (!Array.isArray(v.scopes) || !v.scopes.every((s) => typeof s === 'string')) return undefined;
  return {
    appId: v.appId as string,
    base: v.base as string,
    openId: v.openId as string,
    name: v.name,
    accessToken: v.accessToken as string,
    accessExpiresAt: v.accessExpiresAt as number,
    refreshToken: v.refreshToken as string | undefined,
    refreshExpiresAt: v.refreshExpiresAt as number | undefined,
    scopes: v.scopes as string[],
    signedInAt: v.signedInAt as number,
  };
}
