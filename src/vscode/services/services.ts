import * as vscode from 'vscode';
import { CallGate, docxWritePacer, systemClock, type Clock, type Translate } from '../../core';
import { ActivityTracker } from '../ui/ActivityTracker';
import { ClientPool } from './ClientPool';
import { RecentDocuments } from '../documents/RecentDocuments';
import { SecretStore } from '../credentials/SecretStore';
import { readSettings, SETTINGS_SECTION, type FeishuSettings } from '../config/settings';
import { UploadStatusBar } from '../ui/UploadStatusBar';
import { UploadLog } from '../ui/UploadLog';

/** Everything a command needs, built once per activation and passed down (no globals). */
export interface Services {
  readonly t: Translate;
  readonly log: UploadLog;
  readonly secrets: SecretStore;
  readonly clients: ClientPool;
  readonly activity: ActivityTracker;
  /** Documents files were recently uploaded to, for the document prompt. */
  readonly recentDocuments: RecentDocuments;
  readonly clock: Clock;
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
  const clients = new ClientPool({
    credentials: () => secrets.credentials(),
    settings,
    // One gate per activation: Feishu allows one upload call in flight per app, across all batches.
    gate: new CallGate(systemClock),
    docxPacer: docxWritePacer(systemClock),
    onCall: (info) => log.call(info),
    onRetry: (err, retry, delayMs) => log.retry(err, retry, delayMs),
    onWarning: (message) => log.warn(message),
  });
  const activity = new ActivityTracker();
  context.subscriptions.push(
    channel,
    new UploadStatusBar(activity, t),
    { dispose: () => clients.dispose() },
    secrets.onDidChange(() => {
      log.info('Credentials changed; the next upload uses them.');
      clients.invalidate();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SETTINGS_SECTION)) clients.invalidate();
    }),
  );
  return { t, log, secrets, clients, activity, recentDocuments: new RecentDocuments(context.globalState), clock: systemClock, settings };
}
