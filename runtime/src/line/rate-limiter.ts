/**
 * Client-side rate limiting per channel, so cohort sends keep to LINE's limits instead of learning
 * them from 429s. A token bucket with reservations: each caller takes a token at once (the bucket
 * may go into debt) and waits until its token would have refilled, so callers go out in call order
 * and nobody polls.
 *
 * Limits are per process: with several workers, give each a share (`limits`) or rely on the
 * outbox's 429 back-off for the rest.
 */

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface BucketLimit {
  /** Requests a burst may use at once. */
  capacity: number;
  /** Steady requests per second. */
  perSecond: number;
}

/**
 * Capacity plus one second of refill is at most LINE's limit, so no one-second window (sliding or
 * fixed) ever holds more than LINE allows: push 2,000/s, multicast 200/s.
 */
export const LINE_CLIENT_LIMITS = {
  push: { capacity: 200, perSecond: 1800 },
  multicast: { capacity: 20, perSecond: 180 },
} as const satisfies Record<string, BucketLimit>;

export type LimitedEndpoint = keyof typeof LINE_CLIENT_LIMITS;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(private readonly limit: BucketLimit, private readonly clock: LimiterClock) {
    this.tokens = limit.capacity;
    this.updatedAt = clock.now();
  }

  /** Reserves one request and returns how long to wait before sending it (0: now). */
  reserve(): number {
    const now = this.clock.now();
    this.tokens = Math.min(this.limit.capacity, this.tokens + ((now - this.updatedAt) * this.limit.perSecond) / 1000);
    this.updatedAt = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens * 1000) / this.limit.perSecond);
  }

  async take(): Promise<void> {
    const waitMs = this.reserve();
    if (waitMs > 0) await this.clock.sleep(waitMs);
  }
}

export interface LineRateLimiter {
  /** Resolves when this channel may send one more request to the endpoint. */
  acquire(channelId: string, endpoint: LimitedEndpoint): Promise<void>;
}

export function createLineRateLimiter(options: {
  clock?: LimiterClock;
  limits?: Partial<Record<LimitedEndpoint, BucketLimit>>;
} = {}): LineRateLimiter {
  const clock = options.clock ?? systemClock;
  const limits = { ...LINE_CLIENT_LIMITS, ...options.limits };
  const buckets = new Map<string, TokenBucket>();
  return {
    acquire(channelId, endpoint) {
      const key = `${endpoint}\u0000${channelId}`;
      let bucket = buckets.get(key);
      if (!bucket) {
        bucket = new TokenBucket(limits[endpoint], clock);
        buckets.set(key, bucket);
      }
      return bucket.take();
    },
  };
}
