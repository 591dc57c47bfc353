import type { Translate } from '../../core';

/** 75 → "1m 15s", localised: the notification shows it next to speed and size. */
export function formatDurationLocal(seconds: number, t: Translate): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('{0}s', s);
  const m = Math.floor(s / 60);
  if (m < 60) return t('{0}m {1}s', m, s % 60);
  return t('{0}h {1}m', Math.floor(m / 60), m % 60);
}
