import type { PgBoss } from 'pg-boss';
import type { FriendDetail, RunStatus } from '@lsb/shared/api';
import { badRequest } from '../errors.ts';
import { queueJobs } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import { changeFriendTags, getFriendDetail, getFriendRow, listFriends, listRuns } from '../store/friends.ts';
import type { Db } from '../store/tx.ts';
import { loadCatalogue } from './catalogue.ts';
import { getScenarioRow } from './scenarios.ts';
import { parseCondition } from './segments.ts';
import { queueEnrolments } from '../store/enrolments.ts';

type Scope = { workspaceId: string; timeZone: string; now: Date };

// What the friends page and the API do to friends: list them, read one, change their tags by hand,
// list runs, enrol friends into a scenario.

export { getFriendDetail, listFriends };

export function listWorkspaceRuns(db: Db, workspaceId: string, query: { scenarioId?: string | undefined; friendId?: string | undefined; status?: RunStatus | undefined; limit?: number | undefined }) {
  return listRuns(db, workspaceId, { ...query, limit: query.limit ?? 100 });
}

/**
 * Tags added and removed by hand. Every tag must be the workspace's (400 `unknown_tag` otherwise);
 * added tags fire tag triggers like a scenario's would (a friend-activity job in the same transaction).
 */
export async function setFriendTags(db: Db, boss: PgBoss, workspaceId: string, friendId: string, change: { add?: string[]; remove?: string[] }, at: Date): Promise<FriendDetail> {
  const catalogue = await loadCatalogue(db, workspaceId);
  const known = new Set(catalogue.tags.map((tag) => tag.id));
  const unknown = [...(change.add ?? []), ...(change.remove ?? [])].filter((tagId) => !known.has(tagId));
  if (unknown.length) throw badRequest('unknown_tag', 'Some tags do not exist in this workspace.', { tagIds: unknown });
  await db.transaction(async (tx) => {
    const friend = await getFriendRow(tx, workspaceId, friendId);
    const added = await changeFriendTags(tx, friend, change, at);
    await queueJobs(boss, tx, QUEUES.activity, added.map((tagId) => ({ data: { friendId, activity: { kind: 'tagAdded' as const, tagId } } })));
  });
  return getFriendDetail(db, workspaceId, friendId);
}

/**
 * Manual enrolment of listed friends or of a segment: one enrol job per active friend (the trigger's
 * re-entry policy decides in the worker). Returns how many were queued and how many were skipped.
 */
export async function enrolInScenario(db: Db, scope: Scope, scenarioId: string, body: { friendIds?: string[]; condition?: unknown }) {
  await getScenarioRow(db, scope.workspaceId, scenarioId);
  // Queued in one statement however large the segment; workers enter the friends in chunks.
  const target = body.friendIds
    ? { friendIds: body.friendIds }
    : { condition: parseCondition(body.condition), timeZone: scope.timeZone };
  const enrolled = await queueEnrolments(db, scope.workspaceId, scenarioId, target, scope.now);
  const asked = body.friendIds?.length ?? enrolled;
  return { enrolled, skipped: asked - enrolled };
}
