import type { Db } from '../db/pool.ts';
import { decideAutoWinners } from '../runs/auto-winner.ts';
import type { RunContext } from '../runs/context.ts';
import { applyRfmAutoTags } from '../runs/rfm-tags.ts';
import { refreshInsight, type InsightGateway } from '../sending/insight.ts';

/** How often the measurement tick runs: automatic A/B winners, RFM auto-tags, LINE insight figures. */
export const MEASURE_TICK_MS = 60_000;

/** One pass; never reports "more work" (the loop waits MEASURE_TICK_MS between passes). */
export async function measureTick(db: Db, ctx: RunContext, insight: InsightGateway | undefined): Promise<boolean> {
  await decideAutoWinners(db, ctx.clock);
  await applyRfmAutoTags(db, ctx);
  if (insight) await refreshInsight(db, ctx.clock, insight);
  return false;
}
