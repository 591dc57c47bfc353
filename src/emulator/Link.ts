// One simulated network link shared by all connections: request bodies are read no faster than
// `bytesPerSecond`, so concurrent uploads split the bandwidth as they would on a real uplink.
import { performance } from 'node:perf_hooks';

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
    this.freeAt = Math.max(now, this.freeAt) + (bytes / bytesPerSecond) * 1000;
    return this.freeAt - now;
  }
}
