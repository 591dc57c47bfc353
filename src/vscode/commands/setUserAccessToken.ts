import * as vscode from 'vscode';
import { askCredential } from '../credentials/credentialInput';
import type { Command } from './Command';

/** A user access token in a password box; it replaces app credentials until they are set again. */
export const setUserAccessToken: Command = {
  needsCredentials: false,
  async run(services) {
    const t = services.t;
    const token = await askCredential({
      title: t('Feishu User Access Token'),
      prompt: t('A user access token (u-…). Uploads then act as that user. It is kept in VS Code\'s secret storage, never in settings.'),
      problem: t('Enter the token, without spaces.'),
      password: true,
    });
    await services.secrets.setUserAccessToken(token);
    services.log.info('User access token saved.');
    void vscode.window.showInformationMessage(t('User access token saved. Such tokens expire after about two hours; set a new one when Feishu says it has expired.'));
  },
};
