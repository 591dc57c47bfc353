// Feishu's upload rules for one app: at most `qps` accepted calls per upload endpoint in any sliding
// 1000 ms window, and no two upload calls in flight at once (across all 8 upload endpoints).
// Both are signalled with 1061045 "can retry." and recorded as violations, so benchmarks can assert
// that a well-behaved client never triggers them.
import { performance } from 'node:perf_hooks';
import type { Violation } from './types';

const WINDOW_MS = 1000;

export type Admission = { ok: true; release: () => void } | { ok: false; violation: Violation };

interface InFlight {
  endpoint: string;
  since: number;
}

export class RateRules {
  private readonly accepted = new Map<string, number[]>();
  private readonly inFlight = new Set<InFlight>();
  private readonly recorded: Violation[] = [];

  constructor(
    private readonly qps: number,
    private readonly now: () => number = () => performance.now(),
    private readonly wallClock: () => number = Date.now,
  ) {}

  /** Call at request arrival. On success, `release` must run once the response is written (or the call died). */
  admit(endpoint: string): Admission {
    const now = this.now();
    const busy = this.inFlight.values().next();
    if (!busy.done) {
      const other = busy.value;
      return this.reject(endpoint, 'concurrency', `another upload call in flight: ${other.endpoint} since ${Math.round(now - other.since)} ms`);
    }
    const times = (this.accepted.get(endpoint) ?? []).filter((t) => now - t < WINDOW_MS);
    this.accepted.set(endpoint, times);
    if (times.length >= this.qps) {
      const oldest = Math.round(now - times[0]);
      return this.reject(endpoint, 'qps', `${times.length + 1} calls within ${oldest} ms (limit ${this.qps} per ${WINDOW_MS} ms)`);
    }
    times.push(now);
    const entry: InFlight = { endpoint, since: now };
    this.inFlight.add(entry);
    return { ok: true, release: () => this.inFlight.delete(entry) };
  }

  violations(): Violation[] {
    return this.recorded.map((v) => ({ ...v }));
  }

  /** Forgets windows and violations; calls still in flight keep their slot until released. */
  reset(): void {
    this.accepted.clear();
    this.recorded.length = 0;
  }

  private reject(endpoint: string, reason: Violation['reason'], detail: string): Admission {
    const violation: Violation = { endpoint, reason, at: this.wallClock(), detail };
    this.recorded.push(violation);
    return { ok: false, violation };
  }
}
