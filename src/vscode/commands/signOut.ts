import * as vscode from 'vscode';
import type { Command } from './Command';

/** Deletes every credential from SecretStorage (all windows follow through onDidChange). */
export const signOut: Command = {
  needsCredentials: false,
  async run(services) {
    const removed = await services.secrets.signOut();
    services.log.info(removed ? 'Signed out: credentials deleted.' : 'Sign out: no credentials were set.');
    const t = services.t;
    void vscode.window.showInformationMessage(removed ? t('Signed out: the Feishu credentials were removed from this machine.') : t('No Feishu credentials were set.'));
  },
};
