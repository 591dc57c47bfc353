import { SIGNED_OUT_CODES } from '../errors/catalogue';
import { FeishuError } from '../errors/FeishuError';
import type { TokenProvider } from '../feishu/auth';
import type { SignedInUser } from '../feishu/identity';
import { untilAborted } from '../limits/untilAborted';
import type { TokenGrant } from './OAuthApi';
import type { SessionStore, StoredSession } from './SessionStore';

/** Runs a renewal while no other process (CLI) or window (VS Code) renews the same sign-in. */
export interface RenewalLock {
  run<T>(work: () => Promise<T>): Promise<T>;
}

/** No cross-process lock: one renewal in flight in this process, and the 20073 check for the rest. */
export const NO_LOCK: RenewalLock = { run: (work) => work() };

export interface UserSessionOptions {
  store: SessionStore;
  /** The App ID this session must belong to: a sign-in made with another app cannot be renewed. */
  appId: string;
  /** The Open API base it must have been made through (OAuthApi.baseUrl). */
  base: string;
  /** Trades a refresh token for a new pair (OAuthApi.refresh). Shared by every waiting caller: no signal. */
  refresh(refreshToken: string): Promise<TokenGrant>;
  lock?: RenewalLock;
  /** Wall clock, epoch ms (the stored expiry times outlive this process). Default Date.now. */
  now?: () => number;
  /** Default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Renew this long before the access token expires, in ms. Default 300 000 (5 min, as larksuite/cli). */
  renewEarlyMs?: number;
  /**
   * After a 20073 ("refresh token already used"), how long to wait for the new pair another window or process
   * got to show up in the store, in ms. Default 5000.
   */
  adoptWaitMs?: number;
  /** Poll interval of that wait, in ms. Default 200. */
  adoptPollMs?: number;
  /** After 20050 (or a network failure) the refresh is tried once more after this many ms. Default 1000. */
  retryDelayMs?: number;
  /** The sign-in ended (expired, revoked, renewed away): the store was cleared. */
  onSignedOut?: (reason: FeishuError) => void;
  /** A renewal stored a new pair (for a log line; never the tokens). */
  onRenewed?: (session: StoredSession) => void;
}

/**
 * The signed-in user's tokens as a TokenProvider: hands out the access token, renews it before it expires and
 * when Feishu calls it invalid or expired (99991668 / 99991677, through invalidate: the client then repeats the
 * call once). Refresh tokens are single use (docs/feishu/auth.md §7, §14): concurrent renewals in this process
 * share one call; across processes or windows the lock lets one renew while the others then read what it
 * stored; a 20073 after someone else renewed picks up their pair instead of signing out. The new pair is saved
 * (replacing the old in one step) before anything uses it.
 */
export class UserSession implements TokenProvider {
  private cached?: StoredSession;
  /** An access token Feishu refused: renew even if its expiry says it is fine. */
  private refused?: string;
  private pending?: Promise<StoredSession>;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly lock: RenewalLock;

  constructor(private readonly options: UserSessionOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.lock = options.lock ?? NO_LOCK;
  }

  /** The stored session of this app, if any (read again after reload()). */
  async current(): Promise<StoredSession | undefined> {
    this.cached ??= await this.load();
    return this.cached;
  }

  async user(): Promise<SignedInUser | undefined> {
    const s = await this.current();
    return s && { openId: s.openId, name: s.name };
  }

  /** Another window or process may have changed the store: read it again next time. */
  reload(): void {
    this.cached = undefined;
  }

  async getToken(signal?: AbortSignal): Promise<string> {
    const session = await untilAborted(this.current(), signal);
    if (!session) throw new FeishuError({ code: 'NOT_SIGNED_IN' });
    if (this.fresh(session)) return session.accessToken;
    return (await untilAborted(this.renew(session), signal)).accessToken;
  }

  /** Feishu refused this token (99991668 / 99991677): the next getToken renews. A new token can always be tried. */
  invalidate(token: string): boolean {
    if (this.cached?.accessToken === token) this.refused = token;
    return true;
  }

  private fresh(s: StoredSession): boolean {
    return s.accessToken !== this.refused && this.now() < s.accessExpiresAt - (this.options.renewEarlyMs ?? 300_000);
  }

  private async load(): Promise<StoredSession | undefined> {
    const s = await this.options.store.load();
    return s?.appId === this.options.appId && s.base === this.options.base ? s : undefined;
  }

  private renew(seen: StoredSession): Promise<StoredSession> {
    this.pending ??= this.lock.run(() => this.renewNow(seen)).finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async renewNow(seen: StoredSession): Promise<StoredSession> {
    const latest = await this.load();
    if (!latest) {
      this.cached = undefined;
      throw new FeishuError({ code: 'NOT_SIGNED_IN' });
    }
    // Someone else (another window, process or an earlier caller) renewed while we waited for the lock.
    if (latest.accessToken !== seen.accessToken && this.now() < latest.accessExpiresAt) return this.adopt(latest);
    if (!latest.refreshToken) return this.signedOut(new FeishuError({ code: 'NOT_SIGNED_IN', detail: 'The sign-in had no refresh token (offline_access), and its access token expired.' }));
    if (latest.refreshExpiresAt !== undefined && this.now() >= latest.refreshExpiresAt) {
      return this.signedOut(new FeishuError({ code: 20037, detail: `It expired on ${new Date(latest.refreshExpiresAt).toISOString()}.` }));
    }
    let grant: TokenGrant;
    try {
      grant = await this.refreshOnceMore(latest.refreshToken);
    } catch (err) {
      if (err instanceof FeishuError && err.code === 20073) {
        const theirs = await this.awaitOtherRenewal(latest.refreshToken);
        if (theirs) return this.adopt(theirs);
      }
      if (err instanceof FeishuError && SIGNED_OUT_CODES.has(err.code)) return this.signedOut(err);
      // The network, Feishu's hiccups, a changed App Secret, the app's refresh switch: the sign-in stays.
      throw err;
    }
    const now = this.now();
    const next: StoredSession = {
      ...latest,
      accessToken: grant.accessToken,
      accessExpiresAt: now + grant.expiresIn * 1000,
      refreshToken: grant.refreshToken ?? latest.refreshToken,
      refreshExpiresAt: grant.refreshToken && grant.refreshExpiresIn ? now + grant.refreshExpiresIn * 1000 : latest.refreshExpiresAt,
      scopes: grant.scopes.length > 0 ? grant.scopes : latest.scopes,
    };
    await this.options.store.save(next);
    this.options.onRenewed?.(next);
    return this.adopt(next);
  }

  /** larksuite/cli tries a refresh once more after 20050; a dropped connection is worth that too. */
  private async refreshOnceMore(refreshToken: string): Promise<TokenGrant> {
    try {
      return await this.options.refresh(refreshToken);
    } catch (err) {
      const transient = err instanceof FeishuError && (err.code === 20050 || err.category === 'network');
      if (!transient) throw err;
      await this.sleep(this.options.retryDelayMs ?? 1000);
      return this.options.refresh(refreshToken);
    }
  }

  /** After 20073: another window or process spent this refresh token; its new pair is on its way to the store. */
  private async awaitOtherRenewal(spent: string): Promise<StoredSession | undefined> {
    const deadline = this.now() + (this.options.adoptWaitMs ?? 5000);
    for (;;) {
      const s = await this.load();
      if (s && s.refreshToken !== spent) return s;
      if (this.now() >= deadline) return undefined;
      await this.sleep(this.options.adoptPollMs ?? 200);
    }
  }

  private adopt(s: StoredSession): StoredSession {
    this.cached = s;
    this.refused = undefined;
    return s;
  }

  private async signedOut(reason: FeishuError): Promise<never> {
    this.cached = undefined;
    await this.options.store.clear();
    this.options.onSignedOut?.(reason);
    throw reason;
  }
}
