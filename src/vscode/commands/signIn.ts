import { signIn as runSignIn, type SignInRequest } from '../auth/signInFlow';
import type { Command } from './Command';

/** "Feishu: Sign In": the browser, with a code as the fallback. An error action may pass scopes to ask for. */
export const signIn: Command = {
  needsCredentials: false,
  async run(services, ...args) {
    await runSignIn(services, requestFrom(args[0]));
  },
};

/** "Feishu: Sign In with a Code": the device flow, for where the browser cannot reach VS Code. */
export const signInWithCode: Command = {
  needsCredentials: false,
  async run(services, ...args) {
    await runSignIn(services, { ...requestFrom(args[0]), method: 'code' });
  },
};

/** A command argument is only trusted as far as its shape: `{ scopes: string[] }`. */
function requestFrom(arg: unknown): SignInRequest {
  const scopes = (arg as { scopes?: unknown } | undefined)?.scopes;
  return Array.isArray(scopes) && scopes.every((s) => typeof s === 'string' && /^[\w:.-]+$/.test(s)) ? { scopes } : {};
}
