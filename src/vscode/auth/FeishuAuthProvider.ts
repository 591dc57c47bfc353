import * as vscode from 'vscode';
import { REQUESTED_SCOPES, type StoredSession } from '../../core';
import type { Services } from '../services/services';
import { signIn } from './signInFlow';

export { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL } from './authProviderId';

/**
 * The signed-in user in VS Code's Accounts menu (Sign In / Sign Out), and for other extensions that ask for a
 * Feishu session. One account at a time; sessions come from SecretStorage, and a change made in any window
 * (sign-in, renewal, sign-out) is announced through onDidChangeSessions (refresh() is called on it).
 */
export class FeishuAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.emitter.event;
  private last?: vscode.AuthenticationSession;

  constructor(private readonly services: Services) {}

  dispose(): void {
    this.emitter.dispose();
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    const session = await this.freshSession();
    if (!session) return [];
    if (scopes && !scopes.every((s) => session.scopes.includes(s))) return [];
    return [session];
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const stored = await signIn(this.services, { scopes: scopes.filter((s) => !REQUESTED_SCOPES.includes(s)) });
    return this.remember(toSession(stored));
  }

  async removeSession(_sessionId: string): Promise<void> {
    await this.services.auth.signOut();
    await this.refresh();
  }

  /** Compares what is stored with what was announced, and announces the difference. */
  async refresh(): Promise<void> {
    const before = this.last;
    const now = await this.current();
    this.last = now;
    if (!before && now) this.emitter.fire({ added: [now], removed: [], changed: [] });
    else if (before && !now) this.emitter.fire({ added: [], removed: [before], changed: [] });
    else if (before && now && before.id !== now.id) this.emitter.fire({ added: [now], removed: [before], changed: [] });
    else if (before && now && before.accessToken !== now.accessToken) this.emitter.fire({ added: [], removed: [], changed: [now] });
  }

  private async current(): Promise<vscode.AuthenticationSession | undefined> {
    const signedIn = await this.services.auth.signedIn();
    return signedIn && toSession(signedIn.stored);
  }

  /** An access token that works: a due one is renewed first (a failure leaves what is stored). */
  private async freshSession(): Promise<vscode.AuthenticationSession | undefined> {
    const signedIn = await this.services.auth.signedIn();
    if (!signedIn) return this.remember(undefined);
    try {
      await signedIn.session.getToken();
    } catch (err) {
      this.services.log.failure('renewing the sign-in for the Accounts menu', err);
    }
    return this.remember(await this.current());
  }

  private remember<T extends vscode.AuthenticationSession | undefined>(session: T): T {
    this.last = session;
    return session;
  }
}

function toSession(s: StoredSession): vscode.AuthenticationSession {
  return { id: `${s.appId}:${s.openId}`, accessToken: s.accessToken, account: { id: s.openId, label: s.name }, scopes: s.scopes };
}
