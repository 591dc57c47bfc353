import * as vscode from 'vscode';
import { askAppCredentials } from '../credentials/appCredentials';
import type { Command } from './Command';

/** "Feishu: Set App Credentials": the app's App ID and App Secret, checked, then saved; says who uploads act as now. */
export const setAppCredentials: Command = {
  needsCredentials: false,
  async run(services) {
    const t = services.t;
    const { appId } = await askAppCredentials(services, 'app');
    const connection = await services.auth.connection();
    const user = connection?.credentials && 'session' in connection.credentials ? connection.credentials.user : undefined;
    void vscode.window.showInformationMessage(
      user ? t('Feishu app credentials saved for the app {0}. Uploads act as {1}, who is signed in.', appId, user.name) : t('Feishu app credentials saved. Uploads now use the app {0}.', appId),
    );
  },
};
