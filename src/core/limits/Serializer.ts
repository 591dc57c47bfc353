import { cancelledError } from '../errors/FeishuError';

/**
 * A FIFO lock: Feishu allows one upload call in flight per app, so every upload call of one client
 * (all files, all windows of one extension host) passes through one of these.
 */
export class Serializer {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves with a release function once every earlier holder has released. */
  async lock(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) throw cancelledError();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => mine);
    if (signal) {
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(cancelledError());
        signal.addEventListener('abort', onAbort, { once: true });
      });
      try {
        await Promise.race([previous, aborted]);
      } catch (err) {
        // Give our turn away at once so the queue behind us does not wait for a cancelled caller.
        release();
        throw err;
      } finally {
        signal.removeEventListener('abort', onAbort!);
      }
    } else {
      await previous;
    }
    return release;
  }
}
