// The accounts service's machine endpoints: the v2 token endpoint with its three grants (auth.md §6-§7, §10.2),
// device authorization (§10.1) and user_info (§11). The token endpoint answers flat OAuth bodies:
// `{code: 0, access_token, …}` or `{code, error, error_description}` with the HTTP status of auth.md §9.
import { basicCredentials, formFields } from './formFields';
import { codeInfo } from './codes';
import { isRefusal, OAuthGrants, type OAuthRefusal, type TokenSet } from './OAuthGrants';
import { failure, success, type Reply } from './reply';
import type { RouteCall } from './route';
import type { TokenStore } from './TokenStore';
import type { Users } from './Users';

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

export interface AccountsState {
  tokens: TokenStore;
  users: Users;
  grants: OAuthGrants;
  /** Shown on the authorize and device pages. */
  appName: string;
  /** Scopes the app has enabled in its developer console; asking for others fails (20027 on the page). */
  enabledScopes: ReadonlySet<string>;
  /** Registered redirect URLs; undefined accepts any http(s) URL. */
  redirectUris?: readonly string[];
  /** The app's "refresh user_access_token" switch (auth.md §7); off → 20074. */
  refreshEnabled(): boolean;
  /** The emulator's own origin: it serves the accounts pages too. */
  url(): string;
}

/** POST authen/v2/oauth/token. */
export function tokenEndpoint(state: AccountsState, call: RouteCall): Reply {
  const fields = formFields(call.body, call.contentType);
  if (!fields) return oauthFailure({ code: 20063, error: 'invalid_request', description: 'the body is neither JSON nor a form' });
  const basic = basicCredentials(call.authorization);
  if (basic && fields.client_secret !== undefined) {
    return oauthFailure({ code: 20070, error: 'invalid_request', description: 'client credentials in both the Authorization header and the body' });
  }
  const grantType = fields.grant_type;
  if (!grantType) return missing('grant_type');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token' && grantType !== DEVICE_GRANT) {
    return oauthFailure({ code: 20036, error: 'unsupported_grant_type', description: `grant_type ${grantType} is not supported` });
  }
  const clientId = basic?.id ?? fields.client_id;
  const clientSecret = basic?.secret ?? fields.client_secret;
  if (!clientId) return missing('client_id');
  if (!clientSecret) return missing('client_secret');
  if (clientId !== state.tokens.appId) return oauthFailure({ code: 20048, error: 'invalid_client', description: `app ${clientId} does not exist` });
  if (clientSecret !== state.tokens.appSecret) return oauthFailure({ code: 20002, error: 'invalid_client', description: 'client secret is invalid' });

  let result: TokenSet | OAuthRefusal;
  if (grantType === 'authorization_code') {
    if (!fields.code) return missing('code');
    result = state.grants.redeemCode(fields.code, clientId, fields.redirect_uri, fields.code_verifier);
  } else if (grantType === 'refresh_token') {
    if (!fields.refresh_token) return missing('refresh_token');
    if (!state.refreshEnabled()) return oauthFailure({ code: 20074, error: 'unauthorized_client', description: 'the app may not refresh user access tokens' });
    result = state.grants.refreshGrant(fields.refresh_token, clientId);
  } else {
    if (!fields.device_code) return missing('device_code');
    result = state.grants.pollDevice(fields.device_code, clientId);
  }
  if (isRefusal(result)) return oauthFailure(result);
  const scopes = OAuthGrants.narrow(result.scope.split(' '), fields.scope);
  if (isRefusal(scopes)) return oauthFailure(scopes);
  return {
    kind: 'json',
    status: 200,
    body: {
      code: 0,
      access_token: result.accessToken,
      expires_in: result.expiresIn,
      ...(result.refreshToken === undefined ? {} : { refresh_token: result.refreshToken, refresh_token_expires_in: result.refreshExpiresIn }),
      token_type: 'Bearer',
      scope: scopes.join(' '),
    },
  };
}

/** POST /oauth/v1/device_authorization (accounts host): form, Basic client credentials. */
export function deviceAuthorization(state: AccountsState, call: RouteCall): Reply {
  const basic = basicCredentials(call.authorization);
  const fields = formFields(call.body, call.contentType) ?? {};
  if (!basic || basic.id !== state.tokens.appId || basic.secret !== state.tokens.appSecret || (fields.client_id !== undefined && fields.client_id !== basic.id)) {
    return { kind: 'json', status: 401, body: { error: 'invalid_client', error_description: 'Basic client credentials are missing or wrong' } };
  }
  const scopes = (fields.scope ?? '').split(/\s+/).filter(Boolean);
  const unknown = scopes.filter((s) => !state.enabledScopes.has(s));
  if (unknown.length > 0) {
    return { kind: 'json', status: 400, body: { error: 'invalid_scope', error_description: `the app has not enabled: ${unknown.join(' ')}` } };
  }
  const record = state.grants.newDevice(basic.id, scopes);
  const verify = `${state.url()}/oauth/v1/device/verify`;
  return {
    kind: 'json',
    status: 200,
    body: {
      device_code: record.deviceCode,
      user_code: record.userCode,
      verification_uri: verify,
      verification_uri_complete: `${verify}?user_code=${encodeURIComponent(record.userCode)}`,
      expires_in: Math.ceil(state.grants.settings.deviceTtlMs / 1000),
      interval: record.intervalMs / 1000,
    },
  };
}

/** GET authen/v1/user_info: user tokens only (auth.md §11). */
export function userInfo(state: AccountsState, call: RouteCall): Reply {
  const openId = call.identity.startsWith('user:') ? call.identity.slice('user:'.length) : undefined;
  const user = openId === undefined ? undefined : state.users.get(openId);
  if (!user) return failure(99991663, { message: 'user_info takes a user access token, not a tenant access token' });
  return success({
    name: user.name,
    en_name: user.enName,
    avatar_url: `${state.url()}/avatar/${user.openId}.png`,
    avatar_thumb: `${state.url()}/avatar/${user.openId}.png`,
    open_id: user.openId,
    union_id: user.unionId,
    tenant_key: user.tenantKey,
  });
}

export function oauthFailure(refusal: OAuthRefusal): Reply {
  const body: Record<string, unknown> = { error: refusal.error, error_description: refusal.description };
  if (refusal.code !== undefined) body.code = refusal.code;
  return { kind: 'json', status: refusal.code === undefined ? 400 : codeInfo(refusal.code).status, body };
}

function missing(field: string): Reply {
  return oauthFailure({ code: 20001, error: 'invalid_request', description: `${field} is required` });
}
