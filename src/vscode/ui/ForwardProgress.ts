import type { Clock, Translate } from '../../core';
import type { ProgressReport } from '../upload/BatchProgress';
import { PROGRESS_INTERVAL_MS } from '../upload/BatchProgress';
import { Throttle } from './Throttle';

/**
 * A notification's bar and message for work that moves through stages: at most one report per interval (the
 * latest state), and the bar never moves back (VS Code's progress takes increments, not positions).
 */
export class ForwardProgress {
  private readonly throttle: Throttle;
  private percent = 0;
  private reported = 0;
  private message = '';

  constructor(
    clock: Clock,
    private readonly onReport: (report: ProgressReport) => void,
    intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.throttle = new Throttle(clock, intervalMs, () => this.emit());
  }

  /** The bar at `percent` (0-100) with `message`. */
  set(percent: number, message: string): void {
    this.percent = percent;
    this.message = message;
    this.throttle.push();
  }

  dispose(): void {
    this.throttle.dispose();
  }

  private emit(): void {
    const increment = Math.max(0, this.percent - this.reported);
    this.reported += increment;
    this.onReport({ message: this.message, increment, percent: this.reported });
  }
}

/** A named piece of work's progress report: what `update(progress)` says about `name`, on a ForwardProgress bar. */
export abstract class NamedProgressReport<P> {
  protected readonly bar: ForwardProgress;

  constructor(
    protected readonly name: string,
    clock: Clock,
    protected readonly t: Translate,
    onReport: (report: ProgressReport) => void,
    intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.bar = new ForwardProgress(clock, onReport, intervalMs);
  }

  abstract update(progress: P): void;

  dispose(): void {
    this.bar.dispose();
  }
}
