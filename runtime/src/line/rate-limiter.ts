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
  /** Profile reads: LINE's default 2,000 requests a second. */
  profile: { capacity: 200, perSecond: 1800 },
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
 * slot grants at most a slot's share of requests, counted in `line_rate_budget` (each process
 * takes what its waiting callers need at once). A share is a twelfth of LINE's per-second limit:
 * the eleven slots any second touches stay within it with a margin for the time between a grant
 * and the request reaching LINE, so neither a fixed second (the fake's reading) nor a sliding one
 * holds more than LINE allows, however many workers send.
 * A slot's row means nothing once the slot has passed, so a process that died after taking budget
 * cost at most that slot's share; old rows are deleted as the sender goes (`pruneRateBudget`).
 */
export const SLOT_MS = 100;
export const SHARED_SLOT_LIMITS = {
  push: Math.floor(2000 / 12),
  multicast: Math.floor(200 / 12),
  profile: Math.floor(2000 / 12),
} as const satisfies Record<LimitedEndpoint, number>;

/** What the shared limiter needs from the database. */
export interface BudgetStore {
  /**
   * Takes up to `wanted` requests from the slot's budget, never past `limit`, and returns how many
   * it got (0: the slot is spent).
   */
  takeUpTo(channelKey: string, endpoint: LimitedEndpoint, slot: number, limit: number, wanted: number): Promise<number>;
}

/**
 * The process asks the budget for as many requests as it has callers waiting, once at a time per
 * channel and endpoint, and hands them out itself: a burst of a thousand profile reads costs the
 * database a statement per slot, not a thousand. What a process holds is good for its slot only
 * (unused, it is lost with the slot: the limit can only be undershot).
 */
export function createSharedRateLimiter(store: BudgetStore, options: {
  clock?: LimiterClock;
  slotLimits?: Partial<Record<LimitedEndpoint, number>>;
} = {}): LineRateLimiter {
  const clock = options.clock ?? systemClock;
  const limits = { ...SHARED_SLOT_LIMITS, ...options.slotLimits };
  const states = new Map<string, { slot: number; held: number; spent: boolean; waiting: number; taking?: Promise<void> }>();
  return {
    async acquire(channelId, endpoint) {
      const key = `${endpoint}\u0000${channelId}`;
      let state = states.get(key);
      if (!state) states.set(key, state = { slot: -1, held: 0, spent: false, waiting: 0 });
      state.waiting += 1;
      try {
        for (;;) {
          const now = clock.now();
          const slot = Math.floor(now / SLOT_MS);
          if (state.slot !== slot) Object.assign(state, { slot, held: 0, spent: false });
          if (state.held > 0) {
            state.held -= 1;
            return;
          }
          if (state.taking) {
            await state.taking;
            continue;
          }
          if (!state.spent) {
            const current = state;
            state.taking = store.takeUpTo(channelId, endpoint, slot, limits[endpoint], Math.min(current.waiting, limits[endpoint]))
              .then((granted) => {
                // Granted for a slot that has passed meanwhile: worthless now.
                if (current.slot === slot) Object.assign(current, { held: current.held + granted, spent: granted === 0 });
              })
              .finally(() => { current.taking = undefined; });
            await state.taking;
            continue;
          }
          // Spent: try again when the next slot opens (a little spread, so waiters do not all collide).
          await clock.sleep((slot + 1) * SLOT_MS - now + Math.floor(Math.random() * 10));
        }
      } finally {
        state.waiting -= 1;
      }
    },
  };
}
