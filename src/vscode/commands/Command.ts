import type { Services } from '../services/services';

/** One command: its handler throws; the registrar adds the credentials guard and the error boundary. */
export interface Command {
  /** Goes through ensureCredentials first. */
  readonly needsCredentials: boolean;
  run(services: Services, ...args: unknown[]): Promise<void>;
}
