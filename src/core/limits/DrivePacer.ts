import type { Clock } from './Clock';
import { RateLimiter } from './RateLimiter';

/**
 * Drive calls other than uploads, by the limit that governs them (docs/feishu/limits.md §4). create_folder is
 * not here: it has the upload endpoints' rules (5 per second, no concurrent calls) and goes through the upload
 * CallGate.
 */
export type DriveCall = 'list' | 'metas' | 'public' | 'members';

/** A Drive limit: `calls` per `windowMs`. */
interface Window {
  calls: number;
  windowMs: number;
}

/**
 * Feishu's limits per app (docs/feishu/limits.md §4): listing 20 per second; metas batch_query 50 per second
 * and 1000 per minute; link-sharing settings 100 per minute; adding collaborators UNCONFIRMED, paced like its
 * siblings at 100 per minute.
 */
export const DRIVE_LIMITS: Readonly<Record<DriveCall, readonly Window[]>> = {
  list: [{ calls: 20, windowMs: 1000 }],
  metas: [
    { calls: 50, windowMs: 1000 },
    { calls: 1000, windowMs: 60_000 },
  ],
  public: [{ calls: 100, windowMs: 60_000 }],
  members: [{ calls: 100, windowMs: 60_000 }],
};

export interface DrivePacerOptions {
  /** Extra spacing per window in ms (see RateLimitOptions.marginMs). Default 25. */
  marginMs?: number;
  /** Other limits, for tests; default DRIVE_LIMITS. */
  limits?: Readonly<Record<DriveCall, readonly Window[]>>;
}

/**
 * Paces Drive reads and permission writes to Feishu's per-app limits, over the core's RateLimiter (one per
 * window shape). Share one per app, like the upload CallGate: Feishu counts every call of the app.
 */
export class DrivePacer {
  private readonly windows: Record<DriveCall, RateLimiter[]>;

  constructor(clock: Clock, options: DrivePacerOptions = {}) {
    const limits = options.limits ?? DRIVE_LIMITS;
    const make = (w: Window): RateLimiter => new RateLimiter(clock, { callsPerWindow: w.calls, windowMs: w.windowMs, marginMs: options.marginMs });
    this.windows = {
      list: limits.list.map(make),
      metas: limits.metas.map(make),
      public: limits.public.map(make),
      members: limits.members.map(make),
    };
  }

  /**
   * Waits for room under every window of this kind of call; returns what to call when the request leaves
   * (each slot then counts from that moment, so time spent waiting for another window is not lost).
   */
  async acquire(call: DriveCall, signal?: AbortSignal): Promise<() => void> {
    const restamps: (() => void)[] = [];
    for (const limiter of this.windows[call]) restamps.push(await limiter.acquire(call, signal));
    return () => {
      for (const restamp of restamps) restamp();
    };
  }
}
