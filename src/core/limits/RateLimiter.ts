import type { Clock } from './Clock';

export interface RateLimitOptions {
  /** Calls allowed per window and key. Default 5 (Feishu: 5 QPS per upload endpoint). */
  callsPerWindow?: number;
  /** Window length in ms. Default 1000. */
  windowMs?: number;
  /**
   * Extra spacing in ms added to the window, because Feishu counts when a request arrives and we count
   * when we send it: this covers the server's side of the jitter. Default 25.
   */
  marginMs?: number;
}

/**
 * Sliding-window limiter: at most N starts in any window per key. Sliding is stricter than fixed windows,
 * so pacing with it never trips either kind of server-side counter.
 */
export class RateLimiter {
  private readonly starts = new Map<string, { at: number }[]>();
  private readonly calls: number;
  private readonly spanMs: number;

  constructor(
    private readonly clock: Clock,
    options: RateLimitOptions = {},
  ) {
    this.calls = options.callsPerWindow ?? 5;
    this.spanMs = (options.windowMs ?? 1000) + (options.marginMs ?? 25);
  }

  /** How long the next call on this key must wait, in ms (0 = now). */
  delayFor(key: string): number {
    const recent = this.starts.get(key) ?? [];
    if (recent.length < this.calls) return 0;
    const oldest = recent[recent.length - this.calls];
    return Math.max(0, oldest.at + this.spanMs - this.clock.now());
  }

  /**
   * Waits for a slot on this key and records the start. Returns `restamp`, to call when the request really
   * leaves: the recorded start moves to that later moment, so time lost between pacing and sending (event
   * loop, GC) cannot squeeze the next window.
   */
  async acquire(key: string, signal?: AbortSignal): Promise<() => void> {
    for (let wait = this.delayFor(key); wait > 0; wait = this.delayFor(key)) {
      await this.clock.sleep(wait, signal);
    }
    const entry = { at: this.clock.now() };
    const recent = this.starts.get(key) ?? [];
    recent.push(entry);
    if (recent.length > this.calls) recent.splice(0, recent.length - this.calls);
    this.starts.set(key, recent);
    return () => {
      entry.at = Math.max(entry.at, this.clock.now());
    };
  }
}
