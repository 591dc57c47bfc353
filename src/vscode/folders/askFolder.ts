import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../config/settings';
import type { Services } from '../services/services';
import { pickFolder, type FolderChoice } from './FolderPicker';
import { ROOT_KEYWORD, targetFromSetting } from './folderChoice';

/** Where an upload goes: a Drive folder (undefined token: My Space), and how to name it to the user. */
export interface Destination {
  readonly folderToken?: string;
  /** "My Space / Team", a remembered name, or the folder's token. */
  readonly label: string;
}

/**
 * Where this upload (or a new published document) goes: `feishu.defaultFolder`; when it is empty, a signed-in
 * user's own My Space (no folder has to be shared with a bot), else a folder picked now (the picker titled `title`),
 * with an offer to remember it. A bad setting throws BAD_FOLDER (its message offers "Change Folder").
 */
export async function resolveTarget(services: Services, title = services.t('Feishu folder for uploads')): Promise<Destination> {
  const setting = services.settings().defaultFolder;
  const fromSetting = targetFromSetting(setting);
  if (fromSetting?.kind === 'folder') {
    const token = fromSetting.folderToken;
    if (token === undefined) return { label: services.t('My Space') };
    return { folderToken: token, label: services.recentFolders.nameOf(token) ?? (await folderName(services, token)) };
  }
  // Signed in and acting as yourself: your own My Space needs no folder shared with a bot, so nothing is asked.
  const acting = await services.auth.choice();
  if ('act' in acting && acting.act !== 'app') return { label: services.t('My Space') };
  const choice = await pickFolder(services, title);
  void offerToRemember(services, settingValueFor(choice)).then(undefined, (err: unknown) => services.log.failure('remember folder', err));
  return destinationOf(choice);
}

/** "Upload to Feishu Folder…": always the picker, nothing remembered but the recent folders. */
export async function askFolder(services: Services): Promise<Destination> {
  return destinationOf(await pickFolder(services, services.t('Upload to Feishu Folder')));
}

/**
 * "Change Folder": the picker, and the choice becomes `feishu.defaultFolder` where it is set now (the workspace,
 * when it has its own value and is trusted; else the user settings).
 */
export async function changeFolder(services: Services): Promise<Destination> {
  const choice = await pickFolder(services, services.t('Change Upload Folder'));
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const inWorkspace = vscode.workspace.isTrusted && config.inspect('defaultFolder')?.workspaceValue !== undefined;
  await config.update('defaultFolder', settingValueFor(choice), inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global);
  services.log.info(`feishu.defaultFolder set to ${choice.token ?? ROOT_KEYWORD} (${inWorkspace ? 'workspace' : 'user'} settings)`);
  vscode.window.setStatusBarMessage(services.t('Uploads now go to {0}.', choice.name), 5000);
  return destinationOf(choice);
}

/**
 * The name of a folder known only by its token (from the setting): asked of Feishu once (metas), then remembered
 * among the recent folders. Its token when Feishu does not say.
 */
async function folderName(services: Services, token: string): Promise<string> {
  const lease = await services.clients.acquire();
  try {
    const meta = (await lease.drive.api.batchQueryMetas([{ token, type: 'folder' }], true)).metas.find((m) => m.token === token);
    if (!meta?.title) return token;
    await services.recentFolders.remember(lease.identity, { token, name: meta.title, url: meta.url });
    return meta.title;
  } catch (err) {
    services.log.failure(`name of folder ${token}`, err);
    return token;
  } finally {
    lease.release();
  }
}

function destinationOf(choice: FolderChoice): Destination {
  return { folderToken: choice.token, label: choice.name };
}

/** The value to store in `feishu.defaultFolder`: "root", else the folder's link (readable), else its token. */
export function settingValueFor(choice: FolderChoice): string {
  return choice.token === undefined ? ROOT_KEYWORD : (choice.url ?? choice.token);
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
