import * as vscode from 'vscode';
import { cancelledError } from '../../core';
import { runErrorAction } from '../errors/errorActions';
import { actionLabel, type ErrorAction } from '../errors/errorMessages';
import type { Services } from '../services/services';

/**
 * Commands that need credentials pass through here first: with none set, it offers to set them (and then
 * goes on) instead of failing later with an error (rust-analyzer's enabled/disabled command pattern). A
 * newcomer without an app yet gets the walkthrough instead, and the command stops quietly.
 */
export async function ensureCredentials(services: Services): Promise<void> {
  if (await services.secrets.credentials()) return;
  const t = services.t;
  const choices: ErrorAction[] = ['setAppCredentials', 'setUserAccessToken', 'getStarted'];
  const labels = choices.map((a) => actionLabel(a, t));
  const pick = await vscode.window.showWarningMessage(
    t('Feishu Upload needs credentials first: the App ID and App Secret of a custom app, or a user access token.'),
    ...labels,
  );
  const action = choices[labels.indexOf(pick ?? '')];
  if (action === undefined) throw cancelledError();
  await runErrorAction(action, services);
  // The walkthrough is open, or setting them was cancelled or failed (and that failure was shown): stop quietly.
  if (action === 'getStarted' || !(await services.secrets.credentials())) throw cancelledError();
}
