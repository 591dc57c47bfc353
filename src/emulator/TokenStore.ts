// App credentials and the access tokens issued for them. Tenant tokens share one identity (the app),
// so a part uploaded after a token refresh still belongs to the session; each user token is its own identity.
import { newAccessToken } from './ids';

/** Feishu hands back the current token while at least 30 min of it are left, else a fresh one. */
const REUSE_IF_LEFT_MS = 30 * 60 * 1000;

export interface IssuedToken {
  token: string;
  /** Seconds left, rounded up, as the `expire` field reports it. */
  expireSeconds: number;
}

export type AuthCheck =
  | { ok: true; identity: string }
  | { ok: false; code: 99991661 | 99991663 | 99991668; message: string };

export type CredentialCheck = { ok: true } | { ok: false; code: 10003 | 10014 | 10015; message: string };

interface TokenRecord {
  kind: 't' | 'a';
  expiresAt: number;
}

export class TokenStore {
  private secret: string;
  private readonly issued = new Map<string, TokenRecord>();
  private readonly userTokens: Set<string>;

  constructor(
    readonly appId: string,
    appSecret: string,
    userTokens: readonly string[],
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = appSecret;
    this.userTokens = new Set(userTokens);
  }

  get appSecret(): string {
    return this.secret;
  }

  checkCredentials(appId: unknown, appSecret: unknown): CredentialCheck {
    if (typeof appId !== 'string' || appId === '' || typeof appSecret !== 'string' || appSecret === '') {
      return { ok: false, code: 10003, message: 'app_id and app_secret are required' };
    }
    if (appId !== this.appId) return { ok: false, code: 10014, message: `app ${appId} not found` };
    if (appSecret !== this.secret) return { ok: false, code: 10015, message: 'app secret invalid' };
    return { ok: true };
  }

  issue(kind: 't' | 'a'): IssuedToken {
    const now = this.now();
    this.dropExpired(now);
    let best: [string, TokenRecord] | undefined;
    for (const entry of this.issued) {
      if (entry[1].kind === kind && (!best || entry[1].expiresAt > best[1].expiresAt)) best = entry;
    }
    if (best && best[1].expiresAt - now >= REUSE_IF_LEFT_MS) {
      return { token: best[0], expireSeconds: Math.ceil((best[1].expiresAt - now) / 1000) };
    }
    const token = newAccessToken(kind);
    this.issued.set(token, { kind, expiresAt: now + this.ttlMs });
    return { token, expireSeconds: Math.ceil(this.ttlMs / 1000) };
  }

  /** Checks an Authorization header the way the gateway does before any business logic. */
  authorize(header: string | undefined): AuthCheck {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
    if (!match) {
      return { ok: false, code: 99991661, message: 'Authorization header must be "Bearer <access_token>"' };
    }
    const token = match[1];
    if (this.userTokens.has(token)) return { ok: true, identity: `user:${token}` };
    const record = this.issued.get(token);
    // App tokens are issued but, like on Feishu's drive APIs, not accepted in place of a tenant token.
    if (record?.kind === 't' && record.expiresAt > this.now()) return { ok: true, identity: `app:${this.appId}` };
    if (token.startsWith('u-')) return { ok: false, code: 99991668, message: 'user access token invalid or expired' };
    return { ok: false, code: 99991663, message: 'tenant access token invalid or expired' };
  }

  expireAll(): void {
    this.issued.clear();
  }

  rotateSecret(newSecret: string): void {
    this.secret = newSecret;
    this.issued.clear();
  }

  private dropExpired(now: number): void {
    for (const [token, record] of this.issued) if (record.expiresAt <= now) this.issued.delete(token);
  }
}
