// Feishu's per-app limits on Drive calls other than uploads (docs/feishu/limits.md §4), counted at arrival over
// sliding windows: listing 20/s, metas 50/s and 1000/min, link-sharing settings 100/min, collaborators 100/min
// (UNCONFIRMED, as its siblings). A call over a limit gets the gateway's 99991400 (the members API its own
// 1063006) and is recorded as a violation, so tests can assert a client never trips them.
import { SlidingWindowLimits } from './SlidingWindowLimits';
import type { LimitedApi, RateWindow, Violation } from './types';

export const DEFAULT_API_LIMITS: Readonly<Record<LimitedApi, readonly RateWindow[]>> = {
  list: [{ calls: 20, windowMs: 1000 }],
  metas: [
    { calls: 50, windowMs: 1000 },
    { calls: 1000, windowMs: 60_000 },
  ],
  public: [{ calls: 100, windowMs: 60_000 }],
  members: [{ calls: 100, windowMs: 60_000 }],
};

export type ApiAdmission = { ok: true } | { ok: false; window: RateWindow; violation: Violation };

export class ApiLimits extends SlidingWindowLimits {
  private readonly limits: Readonly<Record<LimitedApi, readonly RateWindow[]>>;

  constructor(limits: Partial<Record<LimitedApi, readonly RateWindow[]>> = {}, now?: () => number, wallClock?: () => number) {
    super(now, wallClock);
    this.limits = { ...DEFAULT_API_LIMITS, ...limits };
  }

  admit(api: LimitedApi, endpoint: string): ApiAdmission {
    const now = this.now();
    const times = this.recent(api, now, Math.max(...this.limits[api].map((w) => w.windowMs)));
    for (const window of this.limits[api]) {
      const inWindow = times.filter((t) => now - t < window.windowMs).length;
      if (inWindow >= window.calls) {
        return { ok: false, window, violation: this.violation(endpoint, 'apiRate', `${inWindow + 1} ${api} calls within ${window.windowMs} ms (limit ${window.calls})`) };
      }
    }
    times.push(now);
    return { ok: true };
  }
}
