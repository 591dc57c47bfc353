import * as vscode from 'vscode';
import type { ActivityTracker } from './ActivityTracker';
import { COMMAND_IDS } from '../commands/commandIds';
import type { Translate } from '../../core';

/**
 * While uploads run: "$(sync~spin) Feishu 45%"; idle: who uploads act as ("$(cloud-upload) Ada Lin"), once the
 * extension is in use (it activates on our commands only); nothing set: hidden. Click → the log.
 */
export class UploadStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('feishu.uploads', vscode.StatusBarAlignment.Left, 0);
  private readonly subscription: { dispose(): void };
  private who?: string;

  constructor(
    private readonly activity: ActivityTracker,
    private readonly t: Translate,
  ) {
    this.item.name = t('Feishu Upload');
    this.item.command = COMMAND_IDS.showLog;
    this.subscription = activity.onDidChange(() => this.render());
  }

  /** Who uploads act as, or undefined when nobody can. */
  setIdentity(who: string | undefined): void {
    this.who = who;
    this.render();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private render(): void {
    const now = this.activity.current();
    if (now) {
      this.item.text = `$(sync~spin) ${this.t('Feishu {0}%', now.percent)}`;
      this.item.tooltip = this.who ? this.t('Uploading to Feishu as {0}. Click to show the upload log.', this.who) : this.t('Uploading to Feishu. Click to show the upload log.');
      this.item.show();
      return;
    }
    if (!this.who) {
      this.item.hide();
      return;
    }
    this.item.text = `$(cloud-upload) ${this.who}`;
    this.item.tooltip = this.t('Feishu uploads act as {0}. Click to show the upload log.', this.who);
    this.item.show();
  }
}
