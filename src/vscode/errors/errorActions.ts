import * as vscode from 'vscode';
import { COMMAND_IDS } from '../commands/commandIds';
import { SETTINGS_SECTION } from '../config/settings';
import { actionLabel, developerConsoleUrl, sizeLimitsUrl, type ErrorAction, type ErrorNotice } from './errorMessages';
import type { Services } from '../services/services';

/** Does what an error button says; `notice` carries what the button may need (the scopes to ask for). */
export async function runErrorAction(action: ErrorAction, services: Services, notice?: ErrorNotice): Promise<void> {
  switch (action) {
    case 'signIn':
      await vscode.commands.executeCommand(COMMAND_IDS.signIn, notice?.scopes ? { scopes: notice.scopes } : undefined);
      return;
    case 'signInWithCode':
      await vscode.commands.executeCommand(COMMAND_IDS.signInWithCode);
      return;
    case 'useApp':
      // Remembered in user settings: the person chose the app; Sign In offers to switch back.
      await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('identity', 'app', vscode.ConfigurationTarget.Global);
      services.log.info('Uploads act as the app from now on (feishu.identity = "app").');
      void vscode.window.showInformationMessage(services.t('Uploads act as the app from now on. The setting feishu.identity changes it back.'));
      return;
    case 'openSignInPortSetting':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'feishu.signInPort');
      return;
    case 'setAppCredentials':
      await vscode.commands.executeCommand(COMMAND_IDS.setAppCredentials);
      return;
    case 'setUserAccessToken':
      await vscode.commands.executeCommand(COMMAND_IDS.setUserAccessToken);
      return;
    case 'openDeveloperConsole':
      await vscode.env.openExternal(vscode.Uri.parse(developerConsoleUrl(services.settings().brand)));
      return;
    case 'openSizeLimits':
      await vscode.env.openExternal(vscode.Uri.parse(sizeLimitsUrl(services.settings().brand)));
      return;
    case 'changeFolder':
      // The folder picker; its choice becomes feishu.defaultFolder.
      await vscode.commands.executeCommand(COMMAND_IDS.changeFolder);
      return;
    case 'changeDocument':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'feishu.defaultDocument');
      return;
    case 'openApiBaseUrlSetting':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'feishu.apiBaseUrl');
      return;
    case 'showLog':
      services.log.show();
      return;
    case 'getStarted':
      await vscode.commands.executeCommand(COMMAND_IDS.getStarted);
      return;
  }
}

/**
 * Shows a notice with its buttons plus any extra ones, and runs the chosen error action. Returns the extra
 * label chosen, if any, so callers can handle their own buttons (Retry Failed, Copy All Links).
 */
export async function showNotice(
  services: Services,
  severity: 'error' | 'warning' | 'info',
  notice: ErrorNotice,
  extra: readonly string[] = [],
): Promise<string | undefined> {
  const labels = notice.actions.map((a) => actionLabel(a, services.t));
  const show = severity === 'error' ? vscode.window.showErrorMessage : severity === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  const pick = await show(notice.text, ...extra, ...labels);
  if (pick === undefined) return undefined;
  const action = notice.actions[labels.indexOf(pick)];
  if (action === undefined) return pick;
  await runErrorAction(action, services, notice);
  return undefined;
}
