import type { Services } from '../services/services';
import type { HistoryEntry } from './UploadHistory';

/**
 * The entry a history command acts on: the view passes the item it was invoked on; from anywhere else (a
 * keybinding) the newest entry. Undefined when the history is empty or the item is gone.
 */
export function entryFromArgs(services: Services, args: readonly unknown[]): HistoryEntry | undefined {
  const id = (args[0] as { id?: unknown } | undefined)?.id;
  const entries = services.history.list();
  return typeof id === 'string' ? entries.find((e) => e.id === id) : entries[0];
}
