import { afterAll, beforeAll, expect, test } from 'vitest';
import { createDb, createPool } from '../../src/db/pool.ts';
import { createSharedRateLimiter, SHARED_SLOT_LIMITS, SLOT_MS, type BudgetStore, type LimiterClock } from '../../src/line/rate-limiter.ts';
import { pgBudgetStore, pruneRateBudget } from '../../src/store/rate-budget.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// LINE's limits hold across every worker process: the budget lives in PostgreSQL, so three
// limiters, each with its own connection pool as three processes would have, together never
// exceed 200 multicast requests in any second, fixed (the fake's reading) or sliding.

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(() => database.drop());

/** Most grants in any window of `ms` that starts at a grant (the worst sliding window). */
function busiestWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

test('three processes sharing the budget stay within 200 multicasts a second together, and use most of it', async () => {
  const pools = [0, 1, 2].map(() => createPool(database.url, 6));
  try {
    const limiters = pools.map((pool) => createSharedRateLimiter(pgBudgetStore(createDb(pool))));
    const grants: number[] = [];
    const until = Date.now() + 2_500;
    // Each "process" keeps 20 requests waiting for budget at all times, far more than LINE allows.
    await Promise.all(limiters.flatMap((limiter) => Array.from({ length: 20 }, async () => {
      while (Date.now() < until) {
        await limiter.acquire('channel-1', 'multicast');
        grants.push(Date.now());
      }
    })));
    expect(busiestWindow(grants, 1_000)).toBeLessThanOrEqual(200);
    const perSecond = new Map<number, number>();
    for (const at of grants) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(200);
    // Most of LINE's allowance was used: ≥ 120/s over the run (the slots grant 160/s).
    expect(grants.length / 2.5).toBeGreaterThan(120);
    // Another channel has a budget of its own.
    const started = Date.now();
    await limiters[0]!.acquire('channel-2', 'multicast');
    expect(Date.now() - started).toBeLessThan(SLOT_MS * 2);
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
  }
});

test('a budget row left spent by a process that died holds the channel back for its own slot only, and is pruned', async () => {
  const db = createDb(database.pool);
  const slot = Math.floor(Date.now() / SLOT_MS);
  // The dead process took every request of this slot and the next, and never sent them.
  await database.pool.query(
    "insert into line_rate_budget (channel_key, endpoint, slot, used) values ('channel-3', 'push', $1, $3), ('channel-3', 'push', $2, $3), ('channel-3', 'push', $4, 1)",
    [slot, slot + 1, SHARED_SLOT_LIMITS.push, slot - 10_000]);
  const limiter = createSharedRateLimiter(pgBudgetStore(db));
  const started = Date.now();
  await limiter.acquire('channel-3', 'push');
  const waited = Date.now() - started;
  expect(waited).toBeGreaterThan(0);
  expect(waited).toBeLessThan(SLOT_MS * 3 + 100);

  await pruneRateBudget(db, Date.now());
  const { rows } = await database.pool.query<{ slot: string }>("select slot from line_rate_budget where channel_key = 'channel-3'");
  expect(rows.map((row) => Number(row.slot))).not.toContain(slot - 10_000);
});

test('a burst of profile reads from three processes stays within 2,000 a second, at a statement per slot, not per read', async () => {
  const pools = [0, 1, 2].map(() => createPool(database.url, 6));
  try {
    let statements = 0;
    const counted = (store: BudgetStore): BudgetStore => ({
      takeUpTo: (...args) => { statements += 1; return store.takeUpTo(...args); },
    });
    const limiters = pools.map((pool) => createSharedRateLimiter(counted(pgBudgetStore(createDb(pool)))));
    // Each process reads 1,000 profiles at once, as two profile jobs of a webhook batch each do.
    const grants: number[] = [];
    await Promise.all(limiters.flatMap((limiter) => Array.from({ length: 1_000 }, async () => {
      await limiter.acquire('channel-4', 'profile');
      grants.push(Date.now());
    })));
    expect(grants).toHaveLength(3_000);
    expect(busiestWindow(grants, 1_000)).toBeLessThanOrEqual(2_000);
    // Per process and slot, at most one statement that got requests and one that found the slot
    // spent, however many reads were waiting (per read it would be 3,000).
    const slots = Math.floor(Math.max(...grants) / SLOT_MS) - Math.floor(Math.min(...grants) / SLOT_MS) + 2;
    expect(statements).toBeLessThanOrEqual(3 * 2 * slots);
    expect(statements).toBeLessThan(300);
  } finally {
    await Promise.all(pools.map((pool) => pool.end()));
  }
});

/** The budget table's rule in memory: a slot grants up to its limit, then nothing. */
function memoryBudget(): BudgetStore {
  const used = new Map<string, number>();
  return {
    takeUpTo: async (channelKey, endpoint, slot, limit, wanted) => {
      const key = `${channelKey}|${endpoint}|${slot}`;
      const granted = Math.min(wanted, limit - (used.get(key) ?? 0));
      used.set(key, (used.get(key) ?? 0) + granted);
      return granted;
    },
  };
}

/** A clock the test moves; sleeping advances it, so waiting costs no real time. */
function manualClock(start: number): LimiterClock & { sleeps: number[] } {
  let now = start;
  const sleeps: number[] = [];
  return { sleeps, now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; } };
}

test('however long a channel keeps asking, no second holds more requests than LINE allows', async () => {
  for (const [endpoint, lineLimit] of [['push', 2_000], ['multicast', 200], ['profile', 2_000]] as const) {
    const clock = manualClock(1_000_000);
    const limiter = createSharedRateLimiter(memoryBudget(), { clock });
    const grants: number[] = [];
    for (let i = 0; i < lineLimit * 3; i++) {
      await limiter.acquire('channel-1', endpoint);
      grants.push(clock.now());
    }
    expect(busiestWindow(grants, 1_000)).toBeLessThanOrEqual(lineLimit);
    // Yet the channel is not held far below it: a slot's share is a twelfth.
    expect(busiestWindow(grants, 1_000)).toBeGreaterThanOrEqual(SHARED_SLOT_LIMITS[endpoint] * 10);
  }
});

test('each channel and endpoint has a budget of its own', async () => {
  const clock = manualClock(5_000_000);
  const limiter = createSharedRateLimiter(memoryBudget(), { clock, slotLimits: { push: 1 } });
  await limiter.acquire('a', 'push');
  await limiter.acquire('b', 'push');
  await limiter.acquire('a', 'multicast');
  expect(clock.sleeps).toEqual([]);
  await limiter.acquire('a', 'push');
  expect(clock.sleeps).toHaveLength(1);
});
