import * as vscode from 'vscode';
import { cancelledError, type UploadTarget } from '../../core';
import { folderInputProblem, parseFolderChoice, settingValueFor, targetFromSetting } from './folderChoice';
import type { Services } from '../services/services';
import { SETTINGS_SECTION } from '../config/settings';

/**
 * Where this upload goes: `feishu.defaultFolder`; when it is empty, a signed-in user's own My Space (no folder has
 * to be shared with a bot), else a folder the user pastes now, with an offer to remember it. A bad setting throws
 * BAD_FOLDER (its message offers "Change Folder").
 */
export async function resolveTarget(services: Services): Promise<UploadTarget> {
  const fromSetting = targetFromSetting(services.settings().defaultFolder);
  if (fromSetting) return fromSetting;
  const choice = await services.auth.choice();
  if ('act' in choice && choice.act !== 'app') return { kind: 'folder', folderToken: undefined };
  const t = services.t;
  const input = await vscode.window.showInputBox({
    title: t('Feishu folder for uploads'),
    prompt: t('Paste a Feishu folder link or token. Leave it empty for My Space (with app credentials, that is the app\'s own space, which people cannot browse).'),
    placeHolder: 'https://example.feishu.cn/drive/folder/…',
    ignoreFocusOut: true,
    validateInput: (text) => folderInputProblem(text, t),
  });
  if (input === undefined) throw cancelledError();
  const target: UploadTarget = { kind: 'folder', folderToken: parseFolderChoice(input) };
  void offerToRemember(services, settingValueFor(input)).then(undefined, (err: unknown) => services.log.failure('remember folder', err));
  return target;
}

/** Asked after the upload has started, so the question never holds it up. */
async function offerToRemember(services: Services, value: string): Promise<void> {
  const t = services.t;
  const everywhere = t('Remember');
  const here = t('Remember for This Workspace');
  // In Restricted Mode a workspace value of this setting is ignored, so only the user setting is offered.
  const choices = vscode.workspace.workspaceFolders?.length && vscode.workspace.isTrusted ? [everywhere, here] : [everywhere];
  const pick = await vscode.window.showInformationMessage(t('Upload to this folder from now on? You can change it in the setting "feishu.defaultFolder".'), ...choices);
  if (pick === undefined) return;
  const scope = pick === here ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('defaultFolder', value, scope);
}
