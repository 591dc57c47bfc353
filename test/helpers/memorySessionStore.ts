import type { SessionStore, StoredSession } from '../../src/core';

/** A SessionStore in memory that counts what it was asked, for unit tests (one per "machine"). */
export class MemorySessionStore implements SessionStore {
  session?: StoredSession;
  saves = 0;
  clears = 0;

  constructor(session?: StoredSession) {
    this.session = session && { ...session };
  }

  async load(): Promise<StoredSession | undefined> {
    return this.session && { ...this.session };
  }

  async save(session: StoredSession): Promise<void> {
    this.saves++;
    this.session = { ...session };
  }

  async clear(): Promise<void> {
    this.clears++;
    this.session = undefined;
  }
}

/** A session as a sign-in at `now` would store it: access token for 2 h, refresh token for 7 days. */
export function sessionAt(now: number, overrides: Partial<StoredSession> = {}): StoredSession {
  return {
    appId: 'cli_test',
    base: 'https://open.feishu.cn',
    openId: 'ou_0123456789abcdef0123456789abcdef',
    name: 'Ada Lin',
    accessToken: 'access-1',
    accessExpiresAt: now + 7200_000,
    refreshToken: 'refresh-1',
    refreshExpiresAt: now + 7 * 24 * 3600_000,
    scopes: ['drive:file:upload', 'offline_access'],
    signedInAt: now,
    ...overrides,
  };
}
