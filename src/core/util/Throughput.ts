/**
 * Speed and ETA from raw progress samples: the average over the last `windowMs` (default 3000 ms), so the
 * number neither jumps with each part nor lags minutes behind a changing connection.
 */
export class Throughput {
  private samples: { at: number; bytes: number }[] = [];

  constructor(private readonly windowMs = 3000) {}

  /** Records that `bytes` (cumulative) had been sent at time `at` (ms). */
  add(at: number, bytes: number): void {
    this.samples.push({ at, bytes });
    while (this.samples.length > 2 && at - this.samples[1].at >= this.windowMs) this.samples.shift();
  }

  /** Bytes per second, or undefined until two samples at least 100 ms apart exist. */
  bytesPerSecond(): number | undefined {
    if (this.samples.length < 2) return undefined;
    const first = this.samples[0];
    const last = this.samples[this.samples.length - 1];
    const ms = last.at - first.at;
    if (ms < 100) return undefined;
    return ((last.bytes - first.bytes) * 1000) / ms;
  }

  /** Seconds left for `remaining` bytes, or undefined when the speed is not known yet. */
  etaSeconds(remaining: number): number | undefined {
    const speed = this.bytesPerSecond();
    if (!speed || speed <= 0) return undefined;
    return remaining / speed;
  }
}
