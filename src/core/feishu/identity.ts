import { createHash } from 'node:crypto';
import type { Credentials } from './connect';

/**
 * Who calls Feishu: the app (a tenant token) or a user (a user access token). What is kept about an upload
 * (resume records, history) names the identity by this, never by a token.
 */
export interface Identity {
  readonly kind: 'app' | 'user';
  /** The App ID for the app; for a user their open_id, or a fingerprint of a pasted token (see identityOf). */
  readonly id: string;
  /** A signed-in user's name (from user_info); undefined for the app and for a pasted token. */
  readonly name?: string;
}

/** A person signed in with OAuth, as user_info names them (docs/feishu/auth.md §11). */
export interface SignedInUser {
  /** `ou_…`: the user's id within this app. */
  readonly openId: string;
  readonly name: string;
}

/**
 * The identity behind credentials. A signed-in user is their open_id and name. A pasted user access token says
 * nothing about its user without a call, so it is named by a one-way fingerprint (16 hex digits of its SHA-256):
 * stable for that token, useless to anyone who reads it.
 */
export function identityOf(credentials: Credentials): Identity {
  if ('session' in credentials) return { kind: 'user', id: credentials.user.openId, name: credentials.user.name };
  if ('userAccessToken' in credentials) {
    return { kind: 'user', id: `token-${createHash('sha256').update(credentials.userAccessToken.trim()).digest('hex').slice(0, 16)}` };
  }
  return { kind: 'app', id: credentials.appId.trim() };
}

/** How the log says who uploads: "Ada Lin (ou_…)", "app cli_…", "user token-…" (a pasted token). */
export function describeIdentity(identity: Identity): string {
  if (identity.kind === 'app') return `app ${identity.id}`;
  return identity.name ? `${identity.name} (${identity.id})` : `user ${identity.id}`;
}

/**
 * Acting as the app with someone signed in on this machine: that person's open_id, who is then given access to what
 * the app uploads, the folders it makes and the documents it publishes, so they can open what they sent. Undefined
 * otherwise (a user owns what they make).
 */
export function grantee(engines: { readonly identity: Identity; readonly signedInUser?: SignedInUser }): string | undefined {
  return engines.identity.kind === 'app' ? engines.signedInUser?.openId : undefined;
}
