// One simulated network link shared by all connections: request bodies are read no faster than
// `bytesPerSecond`, so concurrent uploads split the bandwidth as they would on a real uplink.
import { performance } from 'node:perf_hooks';

/** Behind-schedule time (ms) still counted as busy rather than idle. */
const IDLE_MS = 50;

export class Link {
  /** Monotonic ms at which the link has carried everything reserved so far. */
  private freeAt = 0;

  constructor(
    private readonly rate: () => number | undefined,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /**
   * Charges `bytes` that just arrived and returns how long the reader must pause (ms) so the
   * average rate stays at the limit. 0 when unshaped. An idle link accrues no credit.
   */
  reserve(bytes: number): number {
    const bytesPerSecond = this.rate();
    if (!bytesPerSecond || bytesPerSecond <= 0) return 0;
    const now = this.now();
    // A pause overshoots by a timer tick or an event-loop turn; restarting the schedule at `now` after
    // each overshoot would lose that time on every chunk (measured: 10 MiB/s delivered as ~8.5). So a link
    // that fell behind by less than IDLE_MS keeps its schedule; only a truly idle link starts afresh.
    const start = this.freeAt >= now - IDLE_MS ? this.freeAt : now;
    this.freeAt = start + (bytes / bytesPerSecond) * 1000;
    return Math.max(0, this.freeAt - now);
  }
}
