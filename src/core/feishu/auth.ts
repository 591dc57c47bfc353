import { STALE_TOKEN_CODES } from '../errors/catalogue';
import { FeishuError } from '../errors/FeishuError';
import type { Clock } from '../limits/Clock';
import { untilAborted } from '../limits/untilAborted';

/** Supplies the bearer token for every call; a port so the CLI, the extension and tests can differ. */
export interface TokenProvider {
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forget a token Feishu called stale. Returns true when a fresh one can be fetched (tenant only). */
  invalidate(token: string): boolean;
}

/**
 * How many times one call renews a token Feishu answers as stale (99991663 / 99991664 / 99991668 / 99991671 /
 * 99991677) before reporting it. Default 2: a fresh token can be retired again before its first use (Feishu
 * rotates tenant tokens near the end of their 2 h; the soak met two expiries in a row on one call), while a third
 * stale answer in a row means the credentials or the sign-in themselves are the problem.
 */
export const TOKEN_RENEWALS = 2;

/** Runs `call` with the provider's token; a stale answer drops that token and repeats with a fresh one (TOKEN_RENEWALS). */
export async function withFreshToken<T>(tokens: TokenProvider, signal: AbortSignal | undefined, call: (token: string) => Promise<T>): Promise<T> {
  for (let renewals = 0; ; renewals++) {
    const token = await tokens.getToken(signal);
    try {
      return await call(token);
    } catch (err) {
      const stale = err instanceof FeishuError && typeof err.code === 'number' && STALE_TOKEN_CODES.has(err.code);
      if (!stale || renewals >= TOKEN_RENEWALS || !tokens.invalidate(token)) throw err;
    }
  }
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
