import type { Db } from '../db/pool.ts';
import { decideAutoWinners } from '../runs/auto-winner.ts';
import type { RunContext } from '../runs/context.ts';
import { applyRfmAutoTags } from '../runs/rfm-tags.ts';

/** How often the measurement tick runs: automatic A/B winners and RFM auto-tags. */
export const MEASURE_TICK_MS = 60_000;

/** One pass; never reports "more work" (the loop waits MEASURE_TICK_MS between passes). */
export async function measureTick(db: Db, ctx: RunContext): Promise<boolean> {
  await decideAutoWinners(db, ctx.clock);
  await applyRfmAutoTags(db, ctx);
  return false;
}
