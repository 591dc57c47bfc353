import type { Clock } from './Clock';
import { RateLimiter, type RateLimitOptions } from './RateLimiter';

/**
 * Paces calls that count against several limits at once, e.g. a docx write counts against the app's
 * 3 writes/s and the document's 3 edits/s. A call waits until every key has room and only then takes a
 * slot in each, in one synchronous step: holding one key's slot while waiting for another would make that
 * slot look older than the call really is, and let later calls crowd the window.
 */
export class KeyedPacer {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly clock: Clock,
    options: RateLimitOptions = {},
  ) {
    this.limiter = new RateLimiter(clock, options);
  }

  /** Waits for room under every key; returns what to call when the request leaves (see RateLimiter.acquire). */
  async acquire(keys: readonly string[], signal?: AbortSignal): Promise<() => void> {
    for (let wait = this.delayFor(keys); wait > 0; wait = this.delayFor(keys)) {
      await this.clock.sleep(wait, signal);
    }
    // Every key has room now, so each acquire records its slot before its first await: no other call can
    // take a slot between these.
    const restamps = await Promise.all(keys.map((key) => this.limiter.acquire(key, signal)));
    return () => {
      for (const restamp of restamps) restamp();
    };
  }

  private delayFor(keys: readonly string[]): number {
    return Math.max(0, ...keys.map((key) => this.limiter.delayFor(key)));
  }
}

/** Feishu's docx write limit: 3 per second per app, and 3 edits per second per document. */
export const DOCX_WRITES_PER_SECOND = 3;

/** The pacer for docx block writes; share one per app, like the upload CallGate. */
export function docxWritePacer(clock: Clock, options: Omit<RateLimitOptions, 'callsPerWindow'> = {}): KeyedPacer {
  return new KeyedPacer(clock, { ...options, callsPerWindow: DOCX_WRITES_PER_SECOND });
}
