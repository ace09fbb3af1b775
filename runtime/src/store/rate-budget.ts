import { sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { lineRateBudget } from '../db/schema/index.ts';
import { SLOT_MS, type BudgetStore } from '../line/rate-limiter.ts';

/** The shared LINE rate budget in PostgreSQL (line/rate-limiter.ts says how it is counted). */
export function pgBudgetStore(db: Db): BudgetStore {
  return {
    async take(channelKey, endpoint, slot, limit) {
      const { rows } = await db.execute(sql`
        insert into ${lineRateBudget} (channel_key, endpoint, slot, used) values (${channelKey}, ${endpoint}, ${slot}, 1)
        on conflict (channel_key, endpoint, slot) do update set used = ${lineRateBudget.used} + 1
        where ${lineRateBudget.used} < ${limit}
        returning used`);
      return rows.length > 0;
    },
  };
}

/** Slots older than a minute are history: deleted, whoever left them. */
export async function pruneRateBudget(db: Db, nowMs: number): Promise<void> {
  await db.execute(sql`delete from ${lineRateBudget} where slot < ${Math.floor(nowMs / SLOT_MS) - 600}`);
}
