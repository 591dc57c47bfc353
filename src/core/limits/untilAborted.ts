import { cancelledError } from '../errors/FeishuError';

/**
 * `work`, or a CANCELLED error as soon as `signal` aborts, while the work itself goes on for others. For work
 * shared by several callers (a token fetch, the root folder lookup): it must not carry one caller's signal, or a
 * batch cancelled while it runs would fail every other batch waiting on it.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelledError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
