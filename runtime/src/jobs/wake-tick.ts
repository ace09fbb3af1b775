import { advanceRuns } from '../runs/advance.ts';
import type { RunContext } from '../runs/context.ts';
import { claimDueRuns, clearWakeTimes } from '../store/due-runs.ts';
import type { Db } from '../store/tx.ts';

/**
 * One pass of the wake tick: up to `chunk` waiting runs whose time has come, found by their wake
 * time's index, locked (`SKIP LOCKED`: several workers share a cohort), stepped together and written
 * in one transaction. Returns whether the chunk was full (more may be due at once).
 */
export async function wakeTick(db: Db, ctx: RunContext, chunk: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const due = await claimDueRuns(tx, ctx.clock.now(), chunk);
    if (due.length === 0) return false;
    const moved = await advanceRuns(tx, ctx, due.map((run) => ({ run, event: { kind: 'wake' as const } })));
    if (moved < due.length) await clearWakeTimes(tx, due);
    return due.length === chunk;
  });
}
