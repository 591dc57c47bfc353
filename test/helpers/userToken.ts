import { strict as assert } from 'node:assert';
import { createHash, randomBytes } from 'node:crypto';
import type { Emulator } from '../../src/emulator';
import { decide } from './browser';
import { api } from './emulatorHttp';

const REDIRECT = 'http://127.0.0.1:53198/callback';

/**
 * A signed-in user's access token with these scopes, over raw HTTP: the authorize page approved (as the
 * emulator's current user), then the code exchanged with PKCE.
 */
export async function userToken(emu: Emulator, scopes: readonly string[]): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL(`${emu.url}/open-apis/authen/v1/authorize`);
  const params = {
    client_id: emu.appId,
    response_type: 'code',
    redirect_uri: REDIRECT,
    scope: scopes.join(' '),
    state: 's',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const answer = await decide(url.toString(), 'approve');
  const code = new URL(answer.location!).searchParams.get('code')!;
  const token = await api(emu, '/open-apis/authen/v2/oauth/token', {
    json: { grant_type: 'authorization_code', client_id: emu.appId, client_secret: emu.appSecret, code, redirect_uri: REDIRECT, code_verifier: verifier },
  });
  assert.equal(token.body.code, 0, JSON.stringify(token.body));
  return token.body.access_token as string;
}
