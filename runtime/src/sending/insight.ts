import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import type { UnitStatisticsOutcome } from '../line/port.ts';
import { dueInsightUnits, saveInsightFigures } from '../store/insight.ts';

/** How stale LINE's figures for a unit may get before they are fetched again. */
const INSIGHT_REFRESH_MS = 60 * 60_000;
const JST_MS = 9 * 3_600_000;
const yyyymmdd = (at: Date) => new Date(at.getTime() + JST_MS).toISOString().slice(0, 10).replaceAll('-', '');

export interface InsightGateway {
  statisticsPerUnit(channelId: string, unit: string, from: string, to: string): Promise<UnitStatisticsOutcome>;
}

/**
 * Fetches LINE's per-unit statistics for units used in the last 30 days (LINE's range limit) whose
 * figures are older than an hour: from the unit's first send to today (UTC+9, as LINE counts).
 * A failed fetch is tried again on the next pass. Returns how many units were refreshed.
 */
export async function refreshInsight(db: Db, clock: Clock, gateway: InsightGateway, limit = 50): Promise<number> {
  const now = clock.now();
  let refreshed = 0;
  for (const unit of await dueInsightUnits(db, now, new Date(now.getTime() - INSIGHT_REFRESH_MS), limit)) {
    const outcome = await gateway.statisticsPerUnit(unit.channelId, unit.unit, yyyymmdd(unit.firstSentAt), yyyymmdd(now));
    if (outcome.kind !== 'found') continue;
    await saveInsightFigures(db, unit, outcome, now);
    refreshed += 1;
  }
  return refreshed;
}
