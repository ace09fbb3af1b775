import type { Condition } from '@lsb/shared';
import type { BroadcastAudience, BroadcastExclusion, BroadcastOptions } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { ApiError, unprocessable } from '../errors.ts';
import { compileCondition } from '../segments/compile.ts';
import type { AudienceQuery } from '../store/broadcast-audience.ts';
import { overCapSql } from '../store/caps.ts';
import { conditionSql } from '../store/enrolments.ts';
import { findSegmentRow } from '../store/segments.ts';
import { loadSegments, parseCondition } from './segments.ts';
import { getWorkspaceRow } from './workspaces.ts';

/** The broadcast's audience as one segment condition: the audience AND NOT (any exclusion). */
async function audienceCondition(db: Db, workspaceId: string, audience: BroadcastAudience, exclusions: readonly BroadcastExclusion[]): Promise<Condition> {
  const part = async (item: BroadcastAudience | BroadcastExclusion): Promise<Condition> => {
    switch (item.kind) {
      case 'all':
        return { kind: 'and', conditions: [] };
      case 'segment':
        if (!(await findSegmentRow(db, workspaceId, item.segmentId))) {
          throw unprocessable('invalid_audience', 'The broadcast names a segment this workspace does not have.', { segmentId: item.segmentId });
        }
        return { kind: 'segment', segmentId: item.segmentId };
      case 'condition':
        try {
          return parseCondition(item.condition);
        } catch (error) {
          throw error instanceof ApiError ? unprocessable('invalid_audience', error.message) : error;
        }
    }
  };
  const included = await part(audience);
  if (exclusions.length === 0) return included;
  const excluded: Condition[] = [];
  for (const exclusion of exclusions) excluded.push(await part(exclusion));
  return { kind: 'and', conditions: [included, { kind: 'not', condition: { kind: 'or', conditions: excluded } }] };
}

/** The SQL the store freezes and counts with, in the workspace's calendar at `now`. */
export async function audienceQuery(
  db: Db, scope: { workspaceId: string; timeZone: string; now: Date },
  body: { audience: BroadcastAudience; exclusions: readonly BroadcastExclusion[]; options: BroadcastOptions },
): Promise<AudienceQuery> {
  const condition = await audienceCondition(db, scope.workspaceId, body.audience, body.exclusions);
  const { resolve } = await loadSegments(db, scope.workspaceId);
  const compiled = compileCondition(condition, { ...scope, segments: resolve });
  // Without a cap the predicate would still look up the workspace once per friend: leave it out.
  const workspace = await getWorkspaceRow(db, scope.workspaceId);
  const capped = workspace.capPerDay !== null || workspace.capPerWeek !== null;
  return {
    where: conditionSql(compiled),
    skipWaitingForReply: body.options.skipWaitingForReply,
    ...(body.options.respectCaps && capped ? { overCap: overCapSql(scope.now) } : {}),
  };
}
