import { FeishuError } from '../errors/FeishuError';
import type { Clock } from '../limits/Clock';
import type { Translate } from '../util/translate';
import { listenForCallback } from './LoopbackListener';
import type { DeviceCode, OAuthApi, TokenGrant } from './OAuthApi';
import { createPkce, randomState } from './pkce';
import { missingScopes } from './scopes';
import type { StoredSession } from './SessionStore';

export interface BrowserSignInOptions {
  api: OAuthApi;
  scopes: readonly string[];
  /** The loopback port (a fixed default, so the redirect URL can be registered); 0 = any free one. */
  port: number;
  /** For the page the browser shows at the end. */
  t: Translate;
  lang?: string;
  /** Opens the authorize page in the user's browser. */
  open(url: string): Promise<void>;
  /**
   * Maps the loopback URL to one the browser can reach (VS Code's env.asExternalUri: a forwarded port in Remote
   * SSH / WSL / Codespaces, a /proxy/<port>/ path in code-server). Default: as it is.
   */
  externalRedirect?: (loopbackUri: string) => Promise<string>;
  /** The redirect URL in use, before the browser opens (for the log: it has to be registered). */
  onRedirect?: (redirectUri: string) => void;
  /** How long to wait for the browser, in ms. Default 300 000. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Authorization code with PKCE through a loopback redirect (docs/feishu/auth.md §4-§6): listen on 127.0.0.1,
 * open the authorize page, take the one callback (state checked), trade the code for tokens.
 */
export async function signInWithBrowser(o: BrowserSignInOptions): Promise<TokenGrant> {
  const state = randomState();
  const pkce = createPkce();
  const listener = await listenForCallback({ port: o.port, state, t: o.t, lang: o.lang, timeoutMs: o.timeoutMs, signal: o.signal });
  try {
    const redirectUri = o.externalRedirect ? await o.externalRedirect(listener.redirectUri) : listener.redirectUri;
    o.onRedirect?.(redirectUri);
    await o.open(o.api.authorizeUrl({ redirectUri, scopes: o.scopes, state, pkce }));
    const code = await listener.code;
    return await o.api.exchangeCode(code, redirectUri, pkce.verifier, o.signal);
  } finally {
    await listener.close();
  }
}

export interface DeviceSignInOptions {
  api: OAuthApi;
  scopes: readonly string[];
  /** Show the code and link to the person (as soon as they are known). */
  onCode(code: DeviceCode): void | Promise<void>;
  clock: Clock;
  signal?: AbortSignal;
}

/** Network trouble while polling adds 1 s, slow_down 5 s, both capped at 60 s (auth.md §10.2). */
const NETWORK_STEP_MS = 1000;
const SLOW_DOWN_STEP_MS = 5000;
const MAX_INTERVAL_MS = 60_000;

/**
 * The device flow (auth.md §10): a code the person approves on any device, and polling that honours the
 * interval, slow_down and the code's expiry.
 */
export async function signInWithDevice(o: DeviceSignInOptions): Promise<TokenGrant> {
  const code = await o.api.startDevice(o.scopes, o.signal);
  await o.onCode(code);
  const deadline = o.clock.now() + code.expiresIn * 1000;
  let interval = code.interval * 1000;
  for (;;) {
    await o.clock.sleep(interval, o.signal);
    if (o.clock.now() >= deadline) throw new FeishuError({ code: 'SIGN_IN_CODE_EXPIRED', detail: `It lived ${code.expiresIn} s.` });
    let poll;
    try {
      poll = await o.api.pollDevice(code.deviceCode, o.signal);
    } catch (err) {
      if (err instanceof FeishuError && err.category === 'network') {
        interval = Math.min(interval + NETWORK_STEP_MS, MAX_INTERVAL_MS);
        continue;
      }
      throw err;
    }
    if (poll.done) return poll.grant;
    if (poll.slowDown) interval = Math.min(interval + SLOW_DOWN_STEP_MS, MAX_INTERVAL_MS);
  }
}

export interface SignInResult {
  session: StoredSession;
  /** Scopes asked for but not granted (the app has not enabled them): features that need them will fail. */
  missingScopes: string[];
}

/** After either flow: who signed in (user_info), and the session to keep. */
export async function completeSignIn(api: OAuthApi, grant: TokenGrant, requested: readonly string[], now: () => number = Date.now, signal?: AbortSignal): Promise<SignInResult> {
  const user = await api.userInfo(grant.accessToken, signal);
  const at = now();
  const session: StoredSession = {
    appId: api.app.appId,
    base: api.baseUrl,
    openId: user.openId,
    name: user.name,
    accessToken: grant.accessToken,
    accessExpiresAt: at + grant.expiresIn * 1000,
    refreshToken: grant.refreshToken,
    refreshExpiresAt: grant.refreshToken ? at + (grant.refreshExpiresIn ?? 604_800) * 1000 : undefined,
    scopes: grant.scopes,
    signedInAt: at,
  };
  return { session, missingScopes: missingScopes(requested, grant.scopes) };
}
