import { createHash, randomBytes } from 'node:crypto';

/** PKCE (RFC 7636) with S256, as Feishu recommends (docs/feishu/auth.md §5). */
export interface Pkce {
  /** 43 characters of base64url: the RFC's alphabet and minimum length. */
  readonly verifier: string;
  readonly challenge: string;
  readonly method: 'S256';
}

export function createPkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url'), method: 'S256' };
}

/** The `state` of one sign-in: unguessable, so a callback made by another page is refused. */
export function randomState(): string {
  return randomBytes(24).toString('base64url');
}
