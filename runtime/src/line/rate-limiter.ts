/**
 * Client-side rate limiting per channel, so cohort sends keep to LINE's limits instead of learning
 * them from 429s. A token bucket with reservations: each caller takes a token at once (the bucket
 * may go into debt) and waits until its token would have refilled, so callers go out in call order
 * and nobody polls.
 *
 * These buckets are per process (the SDK adapter's unit tests use them); the runtime's sender uses
 * the budget kept in PostgreSQL below, which every worker process shares.
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

/**
 * LINE's limits per channel and endpoint, shared by every process through PostgreSQL: each 100 ms
 * slot grants at most a slot's share of requests, counted in `line_rate_budget` by one upsert per
 * request. A share is a twelfth of LINE's per-second limit: the eleven slots any second touches
 * stay within it with a margin for the time between a grant and the request reaching LINE, so
 * neither a fixed second (the fake's reading) nor a sliding one holds more than LINE allows,
 * however many workers send.
 * A slot's row means nothing once the slot has passed, so a process that died after taking budget
 * cost at most that slot's share; old rows are deleted as the sender goes (`pruneRateBudget`).
 */
export const SLOT_MS = 100;
export const SHARED_SLOT_LIMITS = {
  push: Math.floor(2000 / 12),
  multicast: Math.floor(200 / 12),
} as const satisfies Record<LimitedEndpoint, number>;

/** What the shared limiter needs from the database: one statement, answered with the rows it returned. */
export interface BudgetStore {
  /** Takes one request from the slot's budget; false when the slot is spent. */
  take(channelKey: string, endpoint: LimitedEndpoint, slot: number, limit: number): Promise<boolean>;
}

export function createSharedRateLimiter(store: BudgetStore, options: {
  clock?: LimiterClock;
  slotLimits?: Partial<Record<LimitedEndpoint, number>>;
} = {}): LineRateLimiter {
  const clock = options.clock ?? systemClock;
  const limits = { ...SHARED_SLOT_LIMITS, ...options.slotLimits };
  return {
    async acquire(channelId, endpoint) {
      for (;;) {
        const now = clock.now();
        const slot = Math.floor(now / SLOT_MS);
        if (await store.take(channelId, endpoint, slot, limits[endpoint])) return;
        // Spent: try again when the next slot opens (a little spread, so waiters do not all collide).
        await clock.sleep((slot + 1) * SLOT_MS - now + Math.floor(Math.random() * 10));
      }
    },
  };
}
