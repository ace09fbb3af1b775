import type { BroadcastMeasure } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import { broadcastMeasure } from '../store/broadcast-measure.ts';
import { findBroadcastRow } from '../store/broadcasts.ts';
import { insightByBroadcast } from '../store/insight.ts';
import { combinedInsight } from './insight-measure.ts';
import { getWorkspaceRow } from './workspaces.ts';

/**
 * A broadcast's results in the measures of a scenario's send step, with LINE's own figures for
 * its customAggregationUnit (every recipient send carries it; services/broadcast-delivery.ts):
 * null until something was sent, then as the insight job last fetched them, withheld figures and
 * a refused unit said to be so.
 */
export async function measureBroadcast(db: Db, workspaceId: string, id: string): Promise<BroadcastMeasure> {
  if (!(await findBroadcastRow(db, workspaceId, id))) throw notFound('broadcast');
  const workspace = await getWorkspaceRow(db, workspaceId);
  const [measure, units] = await Promise.all([broadcastMeasure(db, workspaceId, id, workspace.timeZone), insightByBroadcast(db, workspaceId, id)]);
  return { ...measure, insight: combinedInsight(units) };
}
