import { cancelledError } from '../errors/FeishuError';
import type { Clock } from '../limits/Clock';

/** Supplies the bearer token for every call; a port so the CLI, the extension and tests can differ. */
export interface TokenProvider {
  readonly kind: 'tenant' | 'user';
  getToken(signal?: AbortSignal): Promise<string>;
  /** Forget a token Feishu called stale. Returns true when a fresh one can be fetched (tenant only). */
  invalidate(token: string): boolean;
}

/** A user access token given by the user: nothing to renew here. */
export class StaticTokenProvider implements TokenProvider {
  readonly kind = 'user';
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
  readonly kind = 'tenant';
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
    return signal ? untilAborted(this.pending, signal) : this.pending;
  }

  invalidate(token: string): boolean {
    if (this.cached?.token === token) this.cached = undefined;
    return true;
  }
}

/** `work`, or a CANCELLED error as soon as `signal` aborts (the work itself goes on for others). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
