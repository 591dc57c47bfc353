// Injected faults, consumed one per matching request in injection order.
import type { Fault } from './types';

interface Armed {
  fault: Fault;
  /** Matching calls still to let through. */
  skip: number;
  /** Firings left. */
  left: number;
}

export class FaultQueue {
  private armed: Armed[] = [];

  add(fault: Fault): void {
    this.armed.push({ fault, skip: Math.max(0, fault.after ?? 0), left: Math.max(1, fault.count ?? 1) });
  }

  clear(): void {
    this.armed = [];
  }

  size(): number {
    return this.armed.length;
  }

  /**
   * Called once per arriving request. Every matching fault counts the call against its `after`;
   * the first one that is due fires (and is used up after `count` firings).
   */
  take(endpoint: string, isUploadEndpoint: boolean, method = ''): Fault | undefined {
    let due: Armed | undefined;
    for (const entry of this.armed) {
      if (!matches(entry.fault, method, endpoint, isUploadEndpoint)) continue;
      if (entry.skip > 0) {
        entry.skip--;
      } else if (!due) {
        due = entry;
      }
    }
    if (!due) return undefined;
    due.left--;
    if (due.left === 0) this.armed = this.armed.filter((entry) => entry !== due);
    return due.fault;
  }
}

function matches(fault: Fault, method: string, endpoint: string, isUploadEndpoint: boolean): boolean {
  if (fault.method !== undefined && fault.method.toUpperCase() !== method) return false;
  if (fault.endpoint !== undefined) return endpoint.includes(fault.endpoint);
  if (fault.kind === 'uploadIdExpired') return /\/upload_(part|finish)$/.test(endpoint);
  return isUploadEndpoint;
}

/** Validates a Fault that arrived as JSON over the control API. Returns an error text or the fault. */
export function parseFault(value: unknown): Fault | string {
  if (typeof value !== 'object' || value === null) return 'fault must be a JSON object';
  const f = value as Record<string, unknown>;
  for (const key of ['after', 'count', 'afterBytes', 'code', 'status', 'resetSeconds', 'ms'] as const) {
    if (f[key] !== undefined && (typeof f[key] !== 'number' || !Number.isFinite(f[key]) || f[key] < 0)) {
      return `${key} must be a non-negative number`;
    }
  }
  if (f.endpoint !== undefined && typeof f.endpoint !== 'string') return 'endpoint must be a string';
  if (f.method !== undefined && typeof f.method !== 'string') return 'method must be a string';
  if (f.msg !== undefined && typeof f.msg !== 'string') return 'msg must be a string';
  switch (f.kind) {
    case 'code':
      if (typeof f.code !== 'number') return 'a code fault needs a numeric code';
      return f as unknown as Fault;
    case 'reset':
    case 'http500':
    case 'rateLimit':
    case 'tokenExpired':
    case 'uploadIdExpired':
    case 'stall':
    case 'dropAnswer':
      return f as unknown as Fault;
    default:
      return `unknown fault kind: ${String(f.kind)}`;
  }
}
