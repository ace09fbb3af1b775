import type { Db } from '../db/pool.ts';
import type { RunContext } from '../runs/context.ts';
import { enrolChunk } from '../runs/enrol.ts';
import { takeEnrolments } from '../store/enrolments.ts';

/**
 * One pass over queued enrolments (a segment of any size queued by one API call): a chunk is taken
 * and applied in one transaction, so each request enters its friend exactly once, and several
 * workers take chunks side by side. Returns whether it applied a chunk (there may be more).
 */
export async function enrolTick(db: Db, ctx: RunContext): Promise<boolean> {
  return db.transaction(async (tx) => {
    const taken = await takeEnrolments(tx);
    if (taken) await enrolChunk(tx, ctx, taken);
    return taken !== undefined;
  });
}
