import { FeishuError } from '../errors/FeishuError';
import type { FeishuClient, OAuthAnswer } from '../feishu/FeishuClient';
import type { SignedInUser } from '../feishu/identity';
import type { DeviceAuthorizationBody, OAuthTokenBody, UserInfoData } from '../feishu/wire';
import type { Pkce } from './pkce';

/** What the token endpoint hands out (docs/feishu/auth.md §6.2). */
export interface TokenGrant {
  accessToken: string;
  /** Seconds the access token lives. */
  expiresIn: number;
  /** Absent when offline_access was not granted. */
  refreshToken?: string;
  /** Seconds the refresh token lives. */
  refreshExpiresIn?: number;
  /** Granted scopes. */
  scopes: string[];
}

/** A device authorization: what the person opens and types, and how to poll (auth.md §10.1). */
export interface DeviceCode {
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  /** The link with the code in it; the plain verification URI when Feishu gave none. */
  verificationUriComplete: string;
  /** Seconds until the code expires. */
  expiresIn: number;
  /** Seconds between polls. */
  interval: number;
}

export type DevicePoll = { done: true; grant: TokenGrant } | { done: false; slowDown: boolean };

/** Defaults of larksuite/cli where Feishu leaves a field out (auth.md §10). */
const DEFAULT_ACCESS_SECONDS = 7200;
const DEFAULT_DEVICE_SECONDS = 240;
const DEFAULT_INTERVAL_SECONDS = 5;

/**
 * Feishu's OAuth endpoints for one app (the user's own custom app is the OAuth client): the authorize URL, the
 * three grants of the v2 token endpoint, device authorization and user_info. Answers become TokenGrants, or
 * FeishuErrors with the token endpoint's code and its own words.
 */
export class OAuthApi {
  constructor(
    private readonly client: FeishuClient,
    readonly app: { readonly appId: string; readonly appSecret: string },
    /** The accounts host: the brand's, or the base URL override (resolveAccountsUrl). */
    readonly accountsUrl: string,
    /** The Open API base (resolveBaseUrl): what a sign-in made here belongs to. */
    readonly baseUrl: string,
  ) {}

  dispose(): void {
    this.client.dispose();
  }

  /** The authorize page for one sign-in (auth.md §4), with PKCE S256 (§5). */
  authorizeUrl(request: { redirectUri: string; scopes: readonly string[]; state: string; pkce: Pkce }): string {
    const query = {
      client_id: this.app.appId,
      response_type: 'code',
      redirect_uri: request.redirectUri,
      scope: request.scopes.join(' '),
      state: request.state,
      code_challenge: request.pkce.challenge,
      code_challenge_method: request.pkce.method,
    };
    // %20, never "+", for spaces: editors re-encode links they open, and a "+" would come back as "%2B".
    const q = Object.entries(query)
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
    return `${this.accountsUrl}/open-apis/authen/v1/authorize?${q}`;
  }

  async exchangeCode(code: string, redirectUri: string, verifier: string, signal?: AbortSignal): Promise<TokenGrant> {
    const answer = await this.client.oauthToken(
      { grant_type: 'authorization_code', client_id: this.app.appId, client_secret: this.app.appSecret, code, redirect_uri: redirectUri, code_verifier: verifier },
      'json',
      signal,
    );
    return grantOf(answer);
  }

  /** A new pair for a refresh token; the old refresh token is spent (auth.md §7). */
  async refresh(refreshToken: string, signal?: AbortSignal): Promise<TokenGrant> {
    const answer = await this.client.oauthToken(
      { grant_type: 'refresh_token', client_id: this.app.appId, client_secret: this.app.appSecret, refresh_token: refreshToken },
      'json',
      signal,
    );
    return grantOf(answer);
  }

  async startDevice(scopes: readonly string[], signal?: AbortSignal): Promise<DeviceCode> {
    const answer = await this.client.deviceAuthorization(this.accountsUrl, { client_id: this.app.appId, scope: scopes.join(' ') }, { id: this.app.appId, secret: this.app.appSecret }, signal);
    const b: DeviceAuthorizationBody = answer.body;
    if (answer.httpStatus >= 400 || b.error || !b.device_code || !b.user_code || !b.verification_uri) {
      throw new FeishuError({ code: 'SIGN_IN_REFUSED', detail: wordsOf(b.error_description ?? b.error), httpStatus: answer.httpStatus, endpoint: answer.endpoint, logId: answer.logId });
    }
    return {
      deviceCode: b.device_code,
      userCode: b.user_code,
      verificationUri: b.verification_uri,
      verificationUriComplete: b.verification_uri_complete || b.verification_uri,
      expiresIn: positiveOr(b.expires_in, DEFAULT_DEVICE_SECONDS),
      interval: positiveOr(b.interval, DEFAULT_INTERVAL_SECONDS),
    };
  }

  /** One poll of the device-code grant: pending, slow down, or done; a refusal throws (auth.md §10.2). */
  async pollDevice(deviceCode: string, signal?: AbortSignal): Promise<DevicePoll> {
    const answer = await this.client.oauthToken(
      { grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: this.app.appId, client_secret: this.app.appSecret },
      'form',
      signal,
    );
    const word = answer.body.error;
    if (word === 'authorization_pending') return { done: false, slowDown: false };
    if (word === 'slow_down') return { done: false, slowDown: true };
    const context = { httpStatus: answer.httpStatus, endpoint: answer.endpoint, logId: answer.logId };
    if (word === 'access_denied') throw new FeishuError({ code: 'SIGN_IN_DENIED', ...context });
    if (word === 'expired_token' || word === 'invalid_grant') throw new FeishuError({ code: 'SIGN_IN_CODE_EXPIRED', ...context });
    return { done: true, grant: grantOf(answer) };
  }

  /** Who the token belongs to: open_id and name (auth.md §11; "(unknown)" without a name, as larksuite/cli). */
  async userInfo(accessToken: string, signal?: AbortSignal): Promise<SignedInUser> {
    return signedInUserOf(await this.client.userInfo(accessToken, signal));
  }
}

/** user_info's data → who it is; "(unknown)" without a name, as larksuite/cli shows it. */
export function signedInUserOf(data: UserInfoData): SignedInUser {
  if (!data.open_id) throw new FeishuError({ code: 'BAD_RESPONSE', endpoint: 'authen/v1/user_info', detail: 'No open_id in the answer.' });
  return { openId: data.open_id, name: data.name || data.en_name || '(unknown)' };
}

function grantOf(answer: OAuthAnswer<OAuthTokenBody>): TokenGrant {
  const b = answer.body;
  const context = { httpStatus: answer.httpStatus, endpoint: answer.endpoint, logId: answer.logId };
  if (typeof b.code === 'number' && b.code !== 0) throw new FeishuError({ code: b.code, detail: wordsOf(b.error_description ?? b.msg), ...context });
  if (b.error || answer.httpStatus >= 400) throw new FeishuError({ code: 'SIGN_IN_REFUSED', detail: wordsOf(b.error_description ?? b.error), ...context });
  if (!b.access_token) throw new FeishuError({ code: 'BAD_RESPONSE', detail: 'No access_token in the answer.', ...context });
  return {
    accessToken: b.access_token,
    expiresIn: positiveOr(b.expires_in, DEFAULT_ACCESS_SECONDS),
    refreshToken: b.refresh_token || undefined,
    refreshExpiresIn: b.refresh_token ? b.refresh_token_expires_in : undefined,
    scopes: (b.scope ?? '').split(/\s+/).filter(Boolean),
  };
}

function wordsOf(text: string | undefined): string | undefined {
  return text ? `Feishu says: "${text}".` : undefined;
}

function positiveOr(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
