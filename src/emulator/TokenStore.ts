// App credentials and the access tokens issued for them, and the gateway's check of every bearer token.
// Tenant tokens share one identity (the app, `app:<appId>`), so a part uploaded after a token refresh still
// belongs to the session; user tokens (signed in through OAuth, or pasted ones given in the options) act as
// their user, `user:<openId>`.
import { newAccessToken } from './ids';
import type { OAuthGrants } from './OAuthGrants';
import type { Users } from './Users';

/** Feishu hands back the current token while at least 30 min of it are left, else a fresh one. */
const REUSE_IF_LEFT_MS = 30 * 60 * 1000;

export interface IssuedToken {
  token: string;
  /** Seconds left, rounded up, as the `expire` field reports it. */
  expireSeconds: number;
}

export type AuthCheck =
  /** `scopes`: what a signed-in user granted; undefined for the app and for pasted user tokens (all). */
  | { ok: true; identity: string; scopes?: readonly string[] }
  | { ok: false; code: 99991661 | 99991663 | 99991668 | 99991677; message: string };

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
    /** Pasted user access tokens: each acts as the tenant's first user. */
    userTokens: readonly string[],
    private readonly ttlMs: number,
    private readonly users: Users,
    private readonly grants: OAuthGrants,
    private readonly now: () => number = Date.now,
  ) {
    this.secret = appSecret;
    this.userTokens = new Set(userTokens);
  }

  /** `app:<appId>`: the principal tenant tokens act as. */
  get appPrincipal(): string {
    return `app:${this.appId}`;
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
    if (this.userTokens.has(token)) return { ok: true, identity: `user:${this.users.first.openId}` };
    const user = this.grants.checkAccess(token);
    if (user) return user.ok ? { ok: true, identity: `user:${user.openId}`, scopes: user.scopes } : user;
    const record = this.issued.get(token);
    // App tokens are issued but, like on Feishu's drive APIs, not accepted in place of a tenant token.
    if (record?.kind === 't' && record.expiresAt > this.now()) return { ok: true, identity: this.appPrincipal };
    // v2 user tokens are JWTs, older ones start with u-.
    if (token.startsWith('u-') || token.startsWith('eyJ')) return { ok: false, code: 99991668, message: 'user access token invalid or expired' };
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
