import type { BroadcastMeasure } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { notFound } from '../errors.ts';
import { broadcastMeasure } from '../store/broadcast-measure.ts';
import { findBroadcastRow } from '../store/broadcasts.ts';
import { getWorkspaceRow } from './workspaces.ts';

/**
 * A broadcast's results in the measures of a scenario's send step. LINE's opens are not asked for:
 * a broadcast's sends carry no customAggregationUnit (LINE allows few units a month; send nodes
 * name theirs), so `insight` is null and the page says so.
 */
export async function measureBroadcast(db: Db, workspaceId: string, id: string): Promise<BroadcastMeasure> {
  if (!(await findBroadcastRow(db, workspaceId, id))) throw notFound('broadcast');
  const workspace = await getWorkspaceRow(db, workspaceId);
  return { ...await broadcastMeasure(db, workspaceId, id, workspace.timeZone), insight: null };
}
