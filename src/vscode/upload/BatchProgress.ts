import { formatBytes, Throughput, type Clock, type Translate } from '../../core';
import type { BatchListener } from './batch';
import { formatDurationLocal } from '../ui/duration';
import { Throttle } from '../ui/Throttle';

/** One report for the notification: `increment` is what VS Code's Progress.report adds to the bar. */
export interface ProgressReport {
  readonly message: string;
  /** Percent points since the previous report (VS Code sums increments). */
  readonly increment: number;
  /** Overall percent of the batch, 0-100. */
  readonly percent: number;
}

/** Default minimum time between two reports, in ms. */
export const PROGRESS_INTERVAL_MS = 200;

/**
 * Turns the engine's raw per-file progress into batch reports — file i of N, percent, bytes, speed, ETA —
 * at most one per interval.
 */
export class BatchProgress implements BatchListener {
  private readonly total: number;
  private readonly throughput = new Throughput();
  private readonly throttle: Throttle;
  /** Bytes of files already finished (uploaded or not): the bar moves past failed files too. */
  private finished = 0;
  /** Bytes of the current file acknowledged so far. */
  private current = 0;
  /** Bytes put on the wire in this batch, resends included: the speed. */
  private sent = 0;
  private index = 0;
  private reported = 0;

  constructor(
    private readonly files: ReadonlyArray<{ readonly name: string; readonly size: number }>,
    private readonly clock: Clock,
    private readonly t: Translate,
    private readonly onReport: (report: ProgressReport) => void,
    intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.total = files.reduce((sum, f) => sum + f.size, 0);
    this.throttle = new Throttle(clock, intervalMs, () => this.emit());
  }

  fileStarted(index: number): void {
    this.index = index;
    this.current = 0;
    this.throughput.add(this.clock.now(), this.sent);
    this.throttle.push();
  }

  fileProgress(bytesSent: number): void {
    if (bytesSent > this.current) this.sent += bytesSent - this.current;
    this.current = bytesSent;
    this.throughput.add(this.clock.now(), this.sent);
    this.throttle.push();
  }

  /** A resumed file starts where it stopped: its bar moves there at once, its speed counts only what is sent now. */
  fileSkipped(bytes: number): void {
    this.current = Math.max(this.current, bytes);
    this.throttle.push();
  }

  fileFinished(index: number): void {
    this.finished += this.files[index]?.size ?? 0;
    this.current = 0;
    this.throttle.push();
  }

  /** Bytes done across the batch, for the status bar. */
  get done(): number {
    return Math.min(this.total, this.finished + this.current);
  }

  dispose(): void {
    this.throttle.dispose();
  }

  /** The line under the notification's title, e.g. "File 2 of 5: a.pdf · 45% · 12 MiB of 27 MiB · 3 MiB/s · 5s left". */
  message(): string {
    const t = this.t;
    const file = this.files[this.index];
    const parts: string[] = [];
    if (file) parts.push(this.files.length > 1 ? t('File {0} of {1}: {2}', this.index + 1, this.files.length, file.name) : file.name);
    parts.push(`${this.percent()}%`);
    parts.push(t('{0} of {1}', formatBytes(this.done), formatBytes(this.total)));
    const speed = this.throughput.bytesPerSecond();
    if (speed !== undefined && speed > 0) {
      parts.push(t('{0}/s', formatBytes(Math.round(speed))));
      parts.push(t('{0} left', formatDurationLocal((this.total - this.done) / speed, t)));
    }
    return parts.join(' · ');
  }

  private percent(): number {
    return this.total === 0 ? 100 : Math.floor((this.done * 100) / this.total);
  }

  private emit(): void {
    const percent = this.percent();
    // A resent part can move the bytes back; the bar never does.
    const increment = Math.max(0, percent - this.reported);
    this.reported += increment;
    this.onReport({ message: this.message(), increment, percent });
  }
}
