import type { Clock } from '../../core';

/**
 * Calls `emit` at most once per interval: at once when the interval has passed, otherwise once at its end.
 * Progress notifications re-render on every report; the engine reports on every chunk, far more often
 * than anyone can read (vscode-azurestorage's TransferProgress throttles to 200 ms for the same reason).
 */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private dirty = false;
  private waiting = false;
  private readonly stop = new AbortController();

  constructor(
    private readonly clock: Clock,
    /** Minimum time between two emits, in ms. */
    private readonly intervalMs: number,
    private readonly emit: () => void,
  ) {}

  /** Something changed: emit now or at the end of the current interval. */
  push(): void {
    if (this.stop.signal.aborted) return;
    const waited = this.clock.now() - this.last;
    if (waited >= this.intervalMs) {
      this.fire();
      return;
    }
    this.dirty = true;
    if (this.waiting) return;
    this.waiting = true;
    // The trailing emit: without it the last state before a quiet spell (a retry backoff) would never show.
    void this.clock.sleep(this.intervalMs - waited, this.stop.signal).then(
      () => {
        this.waiting = false;
        if (this.dirty) this.fire();
      },
      () => {
        this.waiting = false;
      },
    );
  }

  /** Drops a pending emit and its timer. */
  dispose(): void {
    this.stop.abort();
  }

  private fire(): void {
    this.dirty = false;
    this.last = this.clock.now();
    this.emit();
  }
}
