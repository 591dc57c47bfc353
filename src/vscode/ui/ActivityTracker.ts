/** Overall state of the uploads running in this window, for the status bar. */
export interface Activity {
  /** 0-100 over all running batches, by bytes. */
  readonly percent: number;
  readonly batches: number;
}

/** Batches report their bytes here; the status bar listens. */
export class ActivityTracker {
  private readonly batches = new Map<number, { done: number; total: number }>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  /** A batch of `total` bytes starts; returns its id. */
  start(total: number): number {
    const id = this.nextId++;
    this.batches.set(id, { done: 0, total });
    this.changed();
    return id;
  }

  update(id: number, done: number): void {
    const batch = this.batches.get(id);
    if (!batch) return;
    batch.done = done;
    this.changed();
  }

  end(id: number): void {
    if (this.batches.delete(id)) this.changed();
  }

  /** Undefined when idle. */
  current(): Activity | undefined {
    if (this.batches.size === 0) return undefined;
    let done = 0;
    let total = 0;
    for (const b of this.batches.values()) {
      done += b.done;
      total += b.total;
    }
    return { percent: total === 0 ? 0 : Math.floor((done * 100) / total), batches: this.batches.size };
  }

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}
