import { join } from 'node:path';
import * as vscode from 'vscode';
import { CallGate, DrivePacer, docxWritePacer, FileResumeStore, systemClock, type Clock, type ResumeStore, type Translate } from '../../core';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, FeishuAuthProvider } from '../auth/FeishuAuthProvider';
import { UserAuth } from '../auth/UserAuth';
import { whoLabel } from '../auth/whoLabel';
import { ActivityTracker } from '../ui/ActivityTracker';
import { ClientPool } from './ClientPool';
import { RecentDocuments } from '../documents/RecentDocuments';
import { RecentFolders } from '../folders/RecentFolders';
import { UploadHistory } from '../history/UploadHistory';
import { SECRET_KEYS, SecretStore } from '../credentials/SecretStore';
import { readSettings, SETTINGS_SECTION, type FeishuSettings } from '../config/settings';
import { UploadStatusBar } from '../ui/UploadStatusBar';
import { UploadLog } from '../ui/UploadLog';

/** Everything a command needs, built once per activation and passed down (no globals). */
export interface Services {
  readonly t: Translate;
  readonly log: UploadLog;
  readonly secrets: SecretStore;
  /** The signed-in user, and who uploads act as (feishu.identity). */
  readonly auth: UserAuth;
  readonly clients: ClientPool;
  readonly activity: ActivityTracker;
  /** Documents files were recently uploaded to, for the document prompt. */
  readonly recentDocuments: RecentDocuments;
  /** Folders files were recently uploaded to, per identity, for the folder picker. */
  readonly recentFolders: RecentFolders;
  /**
   * What was uploaded, newest first: the Feishu Uploads view, Copy Last Link, Upload Again. Features add what
   * they upload with `history.record(…)` (see UploadHistory).
   */
  readonly history: UploadHistory;
  readonly clock: Clock;
  /** Resume records of interrupted multipart uploads, in global storage: shared by every window of this machine. */
  readonly resumeStore: ResumeStore;
  /** Read on every use: settings can change at any time. */
  settings(): FeishuSettings;
}

/** The output channel's name: a product name, the same in every language (logs and tests find it by it). */
export const LOG_CHANNEL_NAME = 'Feishu Upload';

export function createServices(context: vscode.ExtensionContext): Services {
  const t: Translate = (message, ...args) => vscode.l10n.t(message, ...args);
  const channel = vscode.window.createOutputChannel(LOG_CHANNEL_NAME, { log: true });
  const log = new UploadLog(channel);
  const secrets = new SecretStore(context.secrets);
  const settings = (): FeishuSettings => {
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    return readSettings({ get: (key) => config.get(key), userValue: (key) => config.inspect(key)?.globalValue });
  };
  const auth = new UserAuth({
    secrets,
    settings,
    state: context.globalState,
    // Shared by this machine's windows: one renews, the others read what it stored.
    lockDir: context.globalStorageUri.fsPath,
    log,
    onCall: (info) => log.call(info),
  });
  const resumeStore = new FileResumeStore(join(context.globalStorageUri.fsPath, 'upload-sessions'));
  const clients = new ClientPool({
    connection: () => auth.connection(),
    settings,
    // One gate per activation: Feishu allows one upload call in flight per app, across all batches.
    gate: new CallGate(systemClock),
    docxPacer: docxWritePacer(systemClock),
    drivePacer: new DrivePacer(systemClock),
    onCall: (info) => log.call(info),
    onRetry: (err, retry, delayMs) => log.retry(err, retry, delayMs),
    onWarning: (message) => log.warn(message),
    resumeStore,
  });
  const activity = new ActivityTracker();
  const statusBar = new UploadStatusBar(activity, t);
  const services: Services = {
    t,
    log,
    secrets,
    auth,
    clients,
    activity,
    recentDocuments: new RecentDocuments(context.globalState),
    recentFolders: new RecentFolders(context.globalState),
    history: new UploadHistory(context.globalState),
    clock: systemClock,
    resumeStore,
    settings,
  };
  const provider = new FeishuAuthProvider(services);
  // Who uploads act as: in the status bar, and announced to the Accounts menu, after any change in any window.
  const whoChanged = (): void => {
    void auth
      .connection()
      .then((c) => statusBar.setIdentity(whoLabel(c, t)))
      .then(() => provider.refresh())
      .then(undefined, (err: unknown) => log.failure('identity', err));
  };
  context.subscriptions.push(
    channel,
    statusBar,
    provider,
    vscode.authentication.registerAuthenticationProvider(AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, provider, { supportsMultipleAccounts: false }),
    { dispose: () => clients.dispose() },
    { dispose: () => auth.dispose() },
    secrets.onDidChange((key) => {
      // A renewal rewrites the session too: only other changes are worth a line.
      if (key !== SECRET_KEYS.userSession) log.info('Credentials changed; the next upload uses them.');
      auth.reload();
      clients.invalidate();
      whoChanged();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(SETTINGS_SECTION)) return;
      clients.invalidate();
      whoChanged();
    }),
  );
  whoChanged();
  return services;
}
