import type { SessionRecord } from './SessionRecord';
import type { RecordLockAttempt, ResumeStore } from './ResumeStore';

/** Records in memory, for tests and for callers that want resume within one process only. */
export class MemoryResumeStore implements ResumeStore {
  private readonly records = new Map<string, SessionRecord>();
  private readonly locked = new Set<string>();
  /** Every save, in order: tests read what was written when. */
  readonly saves: SessionRecord[] = [];

  async lock(key: string): Promise<RecordLockAttempt> {
    if (this.locked.has(key)) return { ok: false, holder: { pid: process.pid } };
    this.locked.add(key);
    let held = true;
    return {
      ok: true,
      lock: {
        check: async () => undefined,
        release: async () => {
          if (held) this.locked.delete(key);
          held = false;
        },
      },
    };
  }

  async load(key: string): Promise<SessionRecord | undefined> {
    const record = this.records.get(key);
    return record && structuredClone(record);
  }

  async save(record: SessionRecord): Promise<void> {
    const copy = structuredClone(record);
    this.records.set(record.key, copy);
    this.saves.push(copy);
  }

  async remove(key: string): Promise<void> {
    this.records.delete(key);
  }

  async list(): Promise<SessionRecord[]> {
    return [...this.records.values()].map((r) => structuredClone(r));
  }

  async sweep(preparedBefore: number): Promise<number> {
    let removed = 0;
    for (const [key, record] of this.records) {
      if (record.preparedAt < preparedBefore && !this.locked.has(key)) {
        this.records.delete(key);
        removed++;
      }
    }
    return removed;
  }

  isLocked(key: string): boolean {
    return this.locked.has(key);
  }
}
