import * as vscode from 'vscode';
import {
  cancelledError,
  completeSignIn,
  FeishuError,
  isCancelled,
  REQUESTED_SCOPES,
  signInWithBrowser,
  signInWithDevice,
  systemClock,
  type DeviceCode,
  type OAuthApi,
  type StoredSession,
  type TokenGrant,
} from '../../core';
import { SETTINGS_SECTION } from '../config/settings';
import { askAppCredentials } from '../credentials/appCredentials';
import { showNotice } from '../errors/errorActions';
import type { Services } from '../services/services';
import { withAbortSignal } from '../ui/cancellation';

export interface SignInRequest {
  /** Scopes beyond what the features need (a 99991679 names the missing one). */
  scopes?: readonly string[];
  /** "browser" (default): the authorize page and a loopback redirect; "code": the device flow. */
  method?: 'browser' | 'code';
}

/** Where the browser sign-in cannot finish, the device flow is offered: the port is taken, time ran out, or the person gave up on it. */
const OFFER_CODE_AFTER: ReadonlySet<string | number> = new Set(['SIGN_IN_PORT_IN_USE', 'SIGN_IN_TIMEOUT', 'CANCELLED', 20071]);

/**
 * Signs the user in: asks for the app's credentials first when they are missing (the user's own app is the OAuth
 * client), then the browser flow — env.openExternal on the authorize page, the loopback URL through
 * env.asExternalUri so the redirect comes back in Remote SSH / WSL / Codespaces / code-server — or the device
 * flow, offered when the browser flow cannot finish. Saves the sign-in and says who is signed in.
 */
export async function signIn(services: Services, request: SignInRequest = {}): Promise<StoredSession> {
  const t = services.t;
  if (!(await services.secrets.appCredentials())) await askAppCredentials(services, 'signIn');
  const api = await services.auth.oauth();
  const scopes = [...new Set([...REQUESTED_SCOPES, ...(request.scopes ?? [])])];
  let grant: TokenGrant;
  if (request.method === 'code') {
    grant = await withDevice(services, api, scopes);
  } else {
    try {
      grant = await withBrowser(services, api, scopes);
    } catch (err) {
      if (!(err instanceof FeishuError) || !OFFER_CODE_AFTER.has(err.code)) throw err;
      if (!isCancelled(err)) services.log.failure('sign-in in the browser', err);
      const withCode = t('Sign In with a Code');
      const text = isCancelled(err)
        ? t('The sign-in in the browser was not finished. Sign in with a code instead? It works where the browser cannot reach VS Code.')
        : `${t(err.meaning)} ${t('Sign in with a code instead? It works where the browser cannot reach VS Code.')}`;
      const pick = await vscode.window.showWarningMessage(text, withCode);
      if (pick !== withCode) throw cancelledError();
      grant = await withDevice(services, api, scopes);
    }
  }
  const { session, missingScopes } = await completeSignIn(api, grant, REQUESTED_SCOPES);
  await services.auth.saveSignIn(session);
  if (services.settings().identity === 'app') {
    // Signed in, but the setting keeps the app acting: say so, and offer to switch.
    const actAsMe = t('Act as Me');
    void vscode.window
      .showInformationMessage(t('Signed in to Feishu as {0}. Uploads still act as the app (the setting feishu.identity is "app").', session.name), actAsMe)
      .then((pick) => (pick === actAsMe ? vscode.workspace.getConfiguration(SETTINGS_SECTION).update('identity', 'user', vscode.ConfigurationTarget.Global) : undefined))
      .then(undefined, (err: unknown) => services.log.failure('identity setting', err));
  } else {
    void vscode.window.showInformationMessage(
      services.settings().defaultFolder
        ? t('Signed in as {0}: uploads now act as you.', session.name)
        : t('Signed in as {0}: uploads now go to your My Space.', session.name),
    );
  }
  if (missingScopes.length > 0) {
    services.log.warn(`Feishu did not grant ${missingScopes.join(', ')}: the app has not enabled them.`);
    void showNotice(services, 'warning', {
      text: t('Feishu did not grant {0}: enable them for the app in the developer console and publish a version, then sign in again; until then what needs them fails.', missingScopes.join(', ')),
      actions: ['openDeveloperConsole'],
    });
  }
  return session;
}

async function withBrowser(services: Services, api: OAuthApi, scopes: readonly string[]): Promise<TokenGrant> {
  const t = services.t;
  return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Signing in to Feishu'), cancellable: true }, (progress, token) =>
    withAbortSignal(token, (signal) =>
      signInWithBrowser({
        api,
        scopes,
        port: services.settings().signInPort,
        t,
        lang: vscode.env.language,
        signal,
        externalRedirect: async (loopback) => (await vscode.env.asExternalUri(vscode.Uri.parse(loopback))).toString(true),
        onRedirect: (redirectUri) => services.log.info(`Sign-in in the browser, redirect URL ${redirectUri}: it must be in the app's security settings (redirect URLs).`),
        open: async (url) => {
          progress.report({ message: t('Approve on Feishu\'s page in your browser…') });
          if (!(await vscode.env.openExternal(vscode.Uri.parse(url)))) throw cancelledError();
        },
      }),
    ),
  );
}

async function withDevice(services: Services, api: OAuthApi, scopes: readonly string[]): Promise<TokenGrant> {
  const t = services.t;
  return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t('Signing in to Feishu with a code'), cancellable: true }, (progress, token) =>
    withAbortSignal(token, (signal) =>
      signInWithDevice({
        api,
        scopes,
        clock: systemClock,
        signal,
        onCode: async (code: DeviceCode) => {
          services.log.info(`Sign-in with a code: ${code.verificationUri} (the code is shown to the user; it expires in ${code.expiresIn} s).`);
          const copyAndOpen = t('Copy & Open Feishu');
          const pick = await vscode.window.showInformationMessage(
            t('Your sign-in code: {0}', code.userCode),
            { modal: true, detail: t('Feishu\'s page asks for it; approve there. The code expires in {0} minutes.', Math.max(1, Math.round(code.expiresIn / 60))) },
            copyAndOpen,
          );
          if (pick !== copyAndOpen) throw cancelledError();
          await vscode.env.clipboard.writeText(code.userCode);
          progress.report({ message: t('Approve the code {0} on Feishu\'s page…', code.userCode) });
          await vscode.env.openExternal(vscode.Uri.parse(code.verificationUriComplete));
        },
      }),
    ),
  );
}
