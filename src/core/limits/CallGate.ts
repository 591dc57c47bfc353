import type { Clock } from './Clock';
import { RateLimiter, type RateLimitOptions } from './RateLimiter';
import { Serializer } from './Serializer';

/** One upload call in flight, and at most N starts per second per endpoint: Feishu's upload rules. */
export class CallGate {
  private readonly serializer = new Serializer();
  private readonly limiter: RateLimiter;

  constructor(clock: Clock, options: RateLimitOptions = {}) {
    this.limiter = new RateLimiter(clock, options);
  }

  async run<T>(endpoint: string, call: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.serializer.lock(signal);
    try {
      await this.limiter.acquire(endpoint, signal);
      return await call();
    } finally {
      release();
    }
  }
}
