import * as vscode from 'vscode';
import { verifyAppCredentials } from '../../core';
import type { Services } from '../services/services';
import { withAbortSignal } from '../ui/cancellation';
import { askCredential } from './credentialInput';

/**
 * App ID, then App Secret in a password box; checked by fetching a tenant token before anything is saved, so a
 * wrong secret ends in the error boundary's message (10015) with nothing stored. For signing in the same app is
 * the OAuth client, and the boxes say so.
 */
export async function askAppCredentials(services: Services, purpose: 'app' | 'signIn'): Promise<{ appId: string }> {
  const t = services.t;
  const appId = await askCredential({
    title: purpose === 'signIn' ? t('Sign in to Feishu: your app (1/2)') : t('Feishu App Credentials (1/2)'),
    prompt:
      purpose === 'signIn'
        ? t('Signing in goes through your own custom app. Its App ID (Developer Console → Credentials & Basic Info):')
        : t('The App ID of your custom app (Developer Console → Credentials & Basic Info).'),
    problem: t('Enter the App ID, without spaces.'),
    password: false,
    placeHolder: 'cli_…',
    value: await services.secrets.appId(),
  });
  const appSecret = await askCredential({
    title: purpose === 'signIn' ? t('Sign in to Feishu: your app (2/2)') : t('Feishu App Credentials (2/2)'),
    prompt: t('The App Secret of this app. It is kept in VS Code\'s secret storage, never in settings.'),
    problem: t('Enter the App Secret, without spaces.'),
    password: true,
  });
  const { brand, apiBaseUrl } = services.settings();
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: t('Checking the app credentials with Feishu…'), cancellable: true },
    (_progress, token) =>
      withAbortSignal(token, (signal) =>
        verifyAppCredentials({ brand, baseUrl: apiBaseUrl || undefined, appId, appSecret, onCall: (info) => services.log.call(info) }, signal),
      ),
  );
  await services.secrets.setAppCredentials(appId, appSecret);
  services.log.info(`App credentials saved for app ${appId}.`);
  return { appId };
}
