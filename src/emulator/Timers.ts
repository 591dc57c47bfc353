// Every delay the emulator schedules goes through here, so close() can cancel them all and a test
// process is never kept alive by a latency, throttle or stall timer.

export class Timers {
  private readonly pending = new Set<NodeJS.Timeout>();

  after(ms: number, action: () => void): void {
    const handle = setTimeout(() => {
      this.pending.delete(handle);
      action();
    }, ms);
    this.pending.add(handle);
  }

  /** Resolves after `ms`; never resolves once cancelAll() ran (the connection is gone by then anyway). */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => this.after(ms, resolve));
  }

  cancelAll(): void {
    for (const handle of this.pending) clearTimeout(handle);
    this.pending.clear();
  }
}
