import type { Clock } from '../limits/Clock';
import { untilAborted } from '../limits/untilAborted';

/** Supplies the bearer token for every call; a port so the CLI, the extension and tests can differ. */
export interface TokenProvider {
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forget a token Feishu called stale. Returns true when a fresh one can be fetched (tenant only). */
  invalidate(token: string): boolean;
}

/** A user access token given by the user: nothing to renew here. */
export class StaticTokenProvider implements TokenProvider {
  constructor(private readonly token: string) {}
  getToken(): Promise<string> {
    return Promise.resolve(this.token);
  }
  invalidate(): boolean {
    return false;
  }
}

export interface FetchedToken {
  token: string;
  /** Lifetime in seconds as Feishu sent it (normally 7200). */
  expireSeconds: number;
}

/**
 * tenant_access_token from App ID + App Secret: cached, renewed 3 minutes before expiry (as the official
 * SDKs do), one fetch at a time however many uploads ask at once.
 */
export class TenantTokenProvider implements TokenProvider {
  private cached?: { token: string; renewAt: number };
  private pending?: Promise<string>;

  constructor(
    /** Fetches a new token; shared by every waiting caller, so it takes no caller's signal. */
    private readonly fetchToken: () => Promise<FetchedToken>,
    private readonly clock: Clock,
    /** Renew this many ms before expiry. Default 180000. */
    private readonly renewEarlyMs = 180_000,
  ) {}

  getToken(signal?: AbortSignal): Promise<string> {
    if (this.cached && this.clock.now() < this.cached.renewAt) return Promise.resolve(this.cached.token);
    // The fetch is shared, so it must not carry one caller's signal: a batch cancelled while the token is
    // being fetched would otherwise fail every other batch waiting on the same fetch. Each caller races
    // its own signal instead.
    this.pending ??= this.fetchToken()
      .then(({ token, expireSeconds }) => {
        this.cached = { token, renewAt: this.clock.now() + Math.max(0, expireSeconds * 1000 - this.renewEarlyMs) };
        return token;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return untilAborted(this.pending, signal);
  }

  invalidate(token: string): boolean {
    if (this.cached?.token === token) this.cached = undefined;
    return true;
  }
}
