// What the emulator's rate limits share: arrival times of accepted calls per key over a sliding window, and the
// violations recorded when a call is refused, so tests can assert a client never trips a limit.
import { performance } from 'node:perf_hooks';
import type { Violation } from './types';

export abstract class SlidingWindowLimits {
  private readonly accepted = new Map<string, number[]>();
  private readonly recorded: Violation[] = [];

  constructor(
    /** Monotonic ms: when calls arrive. */
    protected readonly now: () => number = () => performance.now(),
    /** Epoch ms: when a violation happened, for its record. */
    private readonly wallClock: () => number = Date.now,
  ) {}

  violations(): Violation[] {
    return this.recorded.map((v) => ({ ...v }));
  }

  reset(): void {
    this.accepted.clear();
    this.recorded.length = 0;
  }

  /** The accepted arrival times under `key` within the last `windowMs` (older ones dropped); push to count a call. */
  protected recent(key: string, now: number, windowMs: number): number[] {
    const times = (this.accepted.get(key) ?? []).filter((t) => now - t < windowMs);
    this.accepted.set(key, times);
    return times;
  }

  /** Records a refused call as a violation and returns it. */
  protected violation(endpoint: string, reason: Violation['reason'], detail: string): Violation {
    const violation: Violation = { endpoint, reason, at: this.wallClock(), detail };
    this.recorded.push(violation);
    return violation;
  }
}
