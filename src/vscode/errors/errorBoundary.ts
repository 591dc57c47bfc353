import { isCancelled } from '../../core';
import { showNotice } from './errorActions';
import { describeError } from './errorMessages';
import type { Services } from '../services/services';

/**
 * The one place errors become messages (after vscode-azuretools' callWithTelemetryAndErrorHandling):
 * cancellation is silent, everything else is logged in full and shown as one localised, actionable line.
 * Handlers throw; they never show errors themselves.
 */
export function withErrorBoundary(commandId: string, services: Services, run: (...args: unknown[]) => Promise<void>): (...args: unknown[]) => Promise<void> {
  return async (...args) => {
    try {
      await run(...args);
    } catch (err) {
      if (isCancelled(err)) {
        services.log.info(`${commandId}: cancelled`);
        return;
      }
      services.log.failure(commandId, err);
      // Not awaited: the command is over; the message stays until the user answers it.
      void showNotice(services, 'error', describeError(err, services.t)).then(undefined, (e: unknown) => services.log.failure(`${commandId} (error message)`, e));
    }
  };
}
