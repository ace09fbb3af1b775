/**
 * Client-side rate limiting per channel and endpoint, so cohort sends and profile reads keep to
 * LINE's limits instead of learning them from 429s. The budget is kept in PostgreSQL, so every
 * worker process shares it (store/rate-budget.ts).
 */

export interface LimiterClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: LimiterClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface LineRateLimiter {
  /** Resolves when this channel may send one more request to the endpoint. */
  acquire(channelId: string, endpoint: LimitedEndpoint): Promise<void>;
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
} as const satisfies Record<string, number>;

export type LimitedEndpoint = keyof typeof SHARED_SLOT_LIMITS;

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
