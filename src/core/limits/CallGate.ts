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

  /** Runs `call` in turn; `call` gets `dispatched`, to report the moment its request leaves (see RateLimiter). */
  async run<T>(endpoint: string, call: (dispatched: () => void) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.serializer.lock(signal);
    try {
      const dispatched = await this.limiter.acquire(endpoint, signal);
      return await call(dispatched);
    } finally {
      release();
    }
  }
}
