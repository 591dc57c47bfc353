import * as vscode from 'vscode';
import { cancelledError } from '../../core';
import { runErrorAction } from '../errors/errorActions';
import { actionLabel, type ErrorAction } from '../errors/errorMessages';
import type { Services } from '../services/services';

/**
 * Commands that need credentials pass through here first (rust-analyzer's enabled/disabled command pattern):
 * when who to act as is not settled — nothing set, a user wanted but signed out, the app wanted without its
 * credentials — it offers what settles it (Sign In first) and then goes on, instead of failing later. A newcomer
 * without an app yet can open the walkthrough instead; the command then stops quietly.
 */
export async function ensureCredentials(services: Services): Promise<void> {
  const choice = await services.auth.choice();
  if ('act' in choice) return;
  const t = services.t;
  let text: string;
  let choices: ErrorAction[];
  if (choice.missing === 'signIn') {
    text = t('Sign in to Feishu to upload as yourself, or upload as the app.');
    choices = ['signIn', 'useApp'];
  } else if (choice.missing === 'appCredentials') {
    text = t('Acting as the app (the setting feishu.identity is "app") needs its App ID and App Secret.');
    choices = ['setAppCredentials'];
  } else {
    text = t('Feishu Upload needs credentials first: sign in with Feishu through your custom app, or set that app\'s App ID and App Secret to act as the app.');
    // Three buttons fit a notification; pasting a user token stays an expert's palette command.
    choices = ['signIn', 'setAppCredentials', 'getStarted'];
  }
  const labels = choices.map((a) => actionLabel(a, t));
  const pick = await vscode.window.showWarningMessage(text, ...labels);
  const action = choices[labels.indexOf(pick ?? '')];
  if (action === undefined) throw cancelledError();
  await runErrorAction(action, services);
  // The walkthrough is open, or settling it was cancelled or failed (and that failure was shown): stop quietly.
  if (action === 'getStarted' || !('act' in (await services.auth.choice()))) throw cancelledError();
}
