import * as vscode from 'vscode';
import type { ActivityTracker } from './ActivityTracker';
import { COMMAND_IDS } from '../commands/commandIds';
import type { Translate } from '../../core';

/** While uploads run: "$(sync~spin) Feishu 45%", click → the log. Idle: hidden, never noise. */
export class UploadStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('feishu.uploads', vscode.StatusBarAlignment.Left, 0);
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly activity: ActivityTracker,
    private readonly t: Translate,
  ) {
    this.item.name = t('Feishu Upload');
    this.item.command = COMMAND_IDS.showLog;
    this.subscription = activity.onDidChange(() => this.render());
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private render(): void {
    const now = this.activity.current();
    if (!now) {
      this.item.hide();
      return;
    }
    this.item.text = `$(sync~spin) ${this.t('Feishu {0}%', now.percent)}`;
    this.item.tooltip = this.t('Uploading to Feishu. Click to show the upload log.');
    this.item.show();
  }
}
