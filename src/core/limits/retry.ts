import { FeishuError, cancelledError } from '../errors/FeishuError';
import { systemClock, type Clock } from './Clock';

export interface RetryPolicy {
  /** Retries after the first attempt, per call; reset after every call that succeeds. Default 6. */
  maxRetries: number;
  /** Backoff per retry in ms; the last value repeats. Default 500, 1000, 2000, 4000, 8000. */
  delaysMs: readonly number[];
  /** ± fraction of random spread on each delay, so parallel clients don't retry in step. Default 0.2. */
  jitter: number;
  /** Upper bound in ms on a server-requested wait (x-ogw-ratelimit-reset). Default 60000. */
  maxServerWaitMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  delaysMs: [500, 1000, 2000, 4000, 8000],
  jitter: 0.2,
  maxServerWaitMs: 60_000,
};

/**
 * Pure: how long to wait before retry number `retry` (0-based) after `err`, or undefined when the error
 * must not be retried (permission, quota, validation, cancellation) or retries are used up.
 */
export function retryDelay(err: unknown, retry: number, policy: RetryPolicy, random: () => number): number | undefined {
  if (!(err instanceof FeishuError) || !err.retryable || retry >= policy.maxRetries) return undefined;
  if (err.retryAfterMs !== undefined) return Math.min(err.retryAfterMs, policy.maxServerWaitMs);
  const base = policy.delaysMs[Math.min(retry, policy.delaysMs.length - 1)];
  return Math.round(base * (1 + policy.jitter * (2 * random() - 1)));
}

export interface RetryContext {
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  signal?: AbortSignal;
  /** Called before each wait: for logs and tests. */
  onRetry?: (err: FeishuError, retry: number, delayMs: number) => void;
}

/** Runs call until it succeeds, fails for good, or the signal aborts. */
export async function withRetry<T>(call: () => Promise<T>, ctx: RetryContext): Promise<T> {
  for (let retry = 0; ; retry++) {
    if (ctx.signal?.aborted) throw cancelledError();
    try {
      return await call();
    } catch (err) {
      if (ctx.signal?.aborted) throw cancelledError();
      const delay = retryDelay(err, retry, ctx.policy, ctx.random);
      if (delay === undefined) throw err;
      ctx.onRetry?.(err as FeishuError, retry, delay);
      await ctx.clock.sleep(delay, ctx.signal);
    }
  }
}

/** What a component that retries may be given; every field has a default. */
export interface RetrySettings {
  clock?: Clock;
  random?: () => number;
  /** Default DEFAULT_RETRY_POLICY. */
  retry?: RetryPolicy;
  onRetry?: RetryContext['onRetry'];
}

export function retryContext(settings: RetrySettings, signal?: AbortSignal): RetryContext {
  return {
    policy: settings.retry ?? DEFAULT_RETRY_POLICY,
    clock: settings.clock ?? systemClock,
    random: settings.random ?? Math.random,
    signal,
    onRetry: settings.onRetry,
  };
}
