import type { Clock } from './Clock';

/**
 * A signal that follows `outer`, except that when `outer` aborts while `linger()` says so, it waits up to
 * `graceMs` before following: the request it guards may finish meanwhile. dispose() when the request is over.
 */
export function lingeringSignal(outer: AbortSignal | undefined, linger: () => boolean, graceMs: number, clock: Clock): { signal?: AbortSignal; dispose(): void } {
  if (!outer) return { signal: undefined, dispose: () => undefined };
  const inner = new AbortController();
  const done = new AbortController();
  const follow = (): void => {
    if (!linger()) return inner.abort(outer.reason);
    clock.sleep(graceMs, done.signal).then(
      () => inner.abort(outer.reason),
      () => undefined, // disposed first: the request ended within the grace
    );
  };
  if (outer.aborted) follow();
  else outer.addEventListener('abort', follow, { once: true });
  return {
    signal: inner.signal,
    dispose: () => {
      outer.removeEventListener('abort', follow);
      done.abort();
    },
  };
}
