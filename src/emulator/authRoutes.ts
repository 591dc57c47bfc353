// Token endpoints (flat bodies, no `data`) and the root folder lookup.
import type { Drive } from './Drive';
import type { Body } from './readBody';
import { failure, flatSuccess, success, type Reply } from './reply';
import type { TokenStore } from './TokenStore';

/** POST auth/v3/{tenant,app}_access_token/internal with JSON {app_id, app_secret}. */
export function issueToken(tokens: TokenStore, kind: 'tenant' | 'app', body: Body): Reply {
  let json: Record<string, unknown> = {};
  try {
    const value: unknown = body.bytes.length > 0 ? JSON.parse(body.bytes.toString('utf8')) : {};
    if (typeof value === 'object' && value !== null) json = value as Record<string, unknown>;
  } catch {
    return failure(10003, { message: 'body must be JSON {app_id, app_secret}' });
  }
  const check = tokens.checkCredentials(json.app_id, json.app_secret);
  if (!check.ok) return failure(check.code, { message: check.message });
  const tenant = tokens.issue('t');
  if (kind === 'tenant') return flatSuccess({ tenant_access_token: tenant.token, expire: tenant.expireSeconds });
  const app = tokens.issue('a');
  return flatSuccess({ app_access_token: app.token, expire: app.expireSeconds, tenant_access_token: tenant.token });
}

/** GET drive/explorer/v2/root_folder/meta: the caller's own My Space (each identity has one). */
export function rootFolderMeta(drive: Drive, identity: string): Reply {
  const root = drive.folder(drive.rootOf(identity))!;
  return success({ token: root.token, id: root.id, user_id: root.ownerNumericId });
}
