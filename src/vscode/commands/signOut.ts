import * as vscode from 'vscode';
import type { Command } from './Command';

/**
 * Signs the user out (sign-in or pasted token; every window follows through SecretStorage). The app's credentials
 * stay, for signing in again or acting as the app; a button forgets them too. With no user, it forgets the app.
 */
export const signOut: Command = {
  needsCredentials: false,
  async run(services) {
    const t = services.t;
    const who = await services.auth.signOut();
    if (who) {
      const forget = t('Forget App Credentials Too');
      const pick = await vscode.window.showInformationMessage(
        who.name ? t('Signed out {0}. The app credentials stay, for signing in again or acting as the app.', who.name) : t('Signed out: the pasted user access token was removed. The app credentials stay.'),
        forget,
      );
      if (pick === forget && (await services.secrets.forgetApp())) {
        services.log.info('App credentials deleted.');
        void vscode.window.showInformationMessage(t('Signed out: the Feishu credentials were removed from this machine.'));
      }
      return;
    }
    const removed = await services.secrets.forgetApp();
    services.log.info(removed ? 'Signed out: credentials deleted.' : 'Sign out: no credentials were set.');
    void vscode.window.showInformationMessage(removed ? t('Signed out: the Feishu credentials were removed from this machine.') : t('No Feishu credentials were set.'));
  },
};
