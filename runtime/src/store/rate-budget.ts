import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/pool.ts';
import { lineRateBudget } from '../db/schema/index.ts';
import { SLOT_MS, type BudgetStore } from '../line/rate-limiter.ts';

/** The shared LINE rate budget in PostgreSQL (line/rate-limiter.ts says how it is counted). */
export function pgBudgetStore(db: Db): BudgetStore {
  return {
    takeUpTo(channelKey, endpoint, slot, limit, wanted) {
      // The slot's row locked while it is read and counted: concurrent takers (other processes)
      // queue on it, and together never take past the limit.
      return db.transaction(async (tx) => {
        const key = and(eq(lineRateBudget.channelKey, channelKey), eq(lineRateBudget.endpoint, endpoint), eq(lineRateBudget.slot, slot));
        await tx.insert(lineRateBudget).values({ channelKey, endpoint, slot, used: 0 }).onConflictDoNothing();
        const [row] = await tx.select({ used: lineRateBudget.used }).from(lineRateBudget).where(key).for('update');
        const granted = Math.max(0, Math.min(wanted, limit - row!.used));
        if (granted > 0) await tx.update(lineRateBudget).set({ used: sql`${lineRateBudget.used} + ${granted}` }).where(key);
        return granted;
      });
    },
  };
}

/** Slots older than a minute are history: deleted, whoever left them. */
export async function pruneRateBudget(db: Db, nowMs: number): Promise<void> {
  await db.execute(sql`delete from ${lineRateBudget} where slot < ${Math.floor(nowMs / SLOT_MS) - 600}`);
}
