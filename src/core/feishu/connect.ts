import { FeishuError } from '../errors/FeishuError';
import type { CallGate } from '../limits/CallGate';
import { systemClock, type Clock } from '../limits/Clock';
import { StaticTokenProvider, TenantTokenProvider, type TokenProvider } from './auth';
import { resolveBaseUrl, type Brand } from './baseUrl';
import { FeishuClient, type CallInfo } from './FeishuClient';

export type Credentials = { appId: string; appSecret: string } | { userAccessToken: string };

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
  if ('userAccessToken' in creds) {
    if (!creds.userAccessToken.trim()) throw new FeishuError({ code: 'NO_CREDENTIALS' });
    tokens = new StaticTokenProvider(creds.userAccessToken.trim());
  } else {
    if (!creds.appId.trim() || !creds.appSecret.trim()) throw new FeishuError({ code: 'NO_CREDENTIALS' });
    tokens = new TenantTokenProvider(() => client!.tenantAccessToken(creds.appId.trim(), creds.appSecret.trim()), clock);
  }
  client = new FeishuClient({ ...options, baseUrl, tokens, clock });
  return client;
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
