import { OAuthApi, signedInUserOf } from '../auth/OAuthApi';
import type { UserSession } from '../auth/UserSession';
import { FeishuError } from '../errors/FeishuError';
import type { CallGate } from '../limits/CallGate';
import { systemClock, type Clock } from '../limits/Clock';
import { StaticTokenProvider, TenantTokenProvider, withFreshToken, type TokenProvider } from './auth';
import { resolveAccountsUrl, resolveBaseUrl, type Brand } from './baseUrl';
import { FeishuClient, type CallInfo } from './FeishuClient';
import type { SignedInUser } from './identity';

/**
 * Who the client acts as: the app (App ID + Secret → tenant tokens), a pasted user access token, or a signed-in
 * user (their session renews its tokens; `user` is who it is, from the stored sign-in).
 */
export type Credentials = { appId: string; appSecret: string } | { userAccessToken: string } | { session: UserSession; user: SignedInUser };

export interface ConnectOptions {
  brand: Brand;
  /** Open API base override (https, or http on loopback); empty = the brand's host. */
  baseUrl?: string;
  credentials: Credentials | undefined;
  clock?: Clock;
  gate?: CallGate;
  idleTimeoutMs?: number;
  onCall?: (info: CallInfo) => void;
  userAgent?: string;
}

/** Builds a client with the right token provider; the one place credentials turn into bearer tokens. */
export function connect(options: ConnectOptions): FeishuClient {
  const baseUrl = resolveBaseUrl(options.brand, options.baseUrl);
  const creds = options.credentials;
  if (!creds) throw new FeishuError({ code: 'NO_CREDENTIALS' });
  const clock = options.clock ?? systemClock;
  let tokens: TokenProvider;
  let client: FeishuClient | undefined = undefined;
  if ('session' in creds) {
    tokens = creds.session;
  } else if ('userAccessToken' in creds) {
    if (!creds.userAccessToken.trim()) throw new FeishuError({ code: 'NO_CREDENTIALS' });
    tokens = new StaticTokenProvider(creds.userAccessToken.trim());
  } else {
    if (!creds.appId.trim() || !creds.appSecret.trim()) throw new FeishuError({ code: 'NO_CREDENTIALS' });
    tokens = new TenantTokenProvider(() => client!.tenantAccessToken(creds.appId.trim(), creds.appSecret.trim()), clock);
  }
  client = new FeishuClient({ ...options, baseUrl, tokens, clock });
  return client;
}

/**
 * Who a user access token belongs to (user_info), with no app involved: for a pasted token, or a signed-in user's
 * current one. A stale signed-in token is renewed (withFreshToken), as every other call does.
 */
export async function whoIs(options: Omit<ConnectOptions, 'credentials' | 'gate'>, tokens: TokenProvider, signal?: AbortSignal): Promise<SignedInUser> {
  const client = new FeishuClient({ ...options, baseUrl: resolveBaseUrl(options.brand, options.baseUrl) });
  try {
    return await withFreshToken(tokens, signal, async (token) => signedInUserOf(await client.userInfo(token, signal)));
  } finally {
    client.dispose();
  }
}

/** Checks App ID + App Secret by fetching a tenant token (used before saving credentials). */
export async function verifyAppCredentials(options: Omit<ConnectOptions, 'credentials'> & { appId: string; appSecret: string }, signal?: AbortSignal): Promise<void> {
  const client = new FeishuClient({ ...options, baseUrl: resolveBaseUrl(options.brand, options.baseUrl) });
  try {
    await client.tenantAccessToken(options.appId.trim(), options.appSecret.trim(), signal);
  } finally {
    client.dispose();
  }
}

/**
 * The OAuth endpoints for signing in with this app as the client (docs/feishu/auth.md §4-§11): the accounts host
 * is the brand's, or the base URL override's origin. Throws NO_APP_CREDENTIALS or BAD_BASE_URL.
 */
export function connectOAuth(options: Omit<ConnectOptions, 'credentials' | 'gate'> & { appId?: string; appSecret?: string }): OAuthApi {
  const appId = options.appId?.trim();
  const appSecret = options.appSecret?.trim();
  if (!appId || !appSecret) throw new FeishuError({ code: 'NO_APP_CREDENTIALS' });
  const baseUrl = resolveBaseUrl(options.brand, options.baseUrl);
  const client = new FeishuClient({ ...options, baseUrl });
  return new OAuthApi(client, { appId, appSecret }, resolveAccountsUrl(options.brand, options.baseUrl), baseUrl);
}
