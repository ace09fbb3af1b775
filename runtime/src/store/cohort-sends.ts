import { sql, type SQL } from 'drizzle-orm';
import { cohortSends } from '../db/schema/index.ts';
import { uuidList } from './any-of.ts';
import type { Tx } from './tx.ts';

// A settled cohort batch (`cohort_sends`, db/schema/cohort-batches.ts) holds its members' sends as
// arrays, one row per multicast request. Each reader of a friend's sends reads these beside the
// outbox's rows, through the GIN index on the members (one friend) or the node's index (a node's
// audience): the SQL for that is here, for the timeline, statistics, a branch's segment facts,
// attribution and caps. The segment compiler (segments/compile.ts, plain SQL text with its own
// placeholders) writes `receivedSend`'s part itself, and a test runs both against one cohort.

/** SQL: the friend `friendId` (a uuid expression) is a member of the cohort send `c`. */
export function cohortMemberSql(friendId: SQL): SQL {
  return sql`c.friend_ids @> array[${friendId}]`;
}

/** A cohort send as one friend's settled send reads (its id is the member's own send id). */
export type CohortSendOfFriend = {
  id: string; scenario_id: string; node_id: string; status: 'sent' | 'failed'; at: string | Date;
  error: { status: number; reason: string } | null; retry_key_replayed: boolean;
};

/** The friend's cohort sends, newest first. */
export async function cohortSendsOf(db: Tx, friendId: string, limit: number): Promise<CohortSendOfFriend[]> {
  const friend = sql`${friendId}::uuid`;
  const { rows } = await db.execute<CohortSendOfFriend>(sql`
    select c.send_ids[array_position(c.friend_ids, ${friend})] as id, c.scenario_id, c.node_id, c.status,
      coalesce(c.sent_at, c.failed_at) as at, c.error, c.retry_key_replayed
    from ${cohortSends} c where ${cohortMemberSql(friend)}
    order by at desc limit ${limit}`);
  return rows;
}

/** The messages cohort sends delivered to the friend (with `before`, those sent earlier), with when. */
export async function cohortMessagesOf(db: Tx, friendId: string, before?: Date): Promise<Array<{ at: Date; messages: unknown[] }>> {
  const { rows } = await db.execute<{ at: string | Date; messages: unknown[] }>(sql`
    select c.sent_at as at, c.messages from ${cohortSends} c
    where ${cohortMemberSql(sql`${friendId}::uuid`)} and c.status = 'sent'
      ${before ? sql`and c.sent_at < ${before.toISOString()}::timestamptz` : sql``}`);
  return rows.map((row) => ({ at: new Date(row.at), messages: row.messages }));
}

/**
 * Of these friends, who was sent what by a cohort (scenario and node), one row per pair: a batch's
 * segment facts. One search of the members' index per friend (`offset 0` keeps the planner from
 * turning it into one scan): an overlap of the whole list (`&&`) may be planned as a scan comparing
 * every member of every row with every friend, which the planner prices as one comparison a row.
 */
export async function cohortSendFacts(tx: Tx, friendIds: readonly string[]): Promise<Array<{ friendId: string; scenarioId: string; nodeId: string }>> {
  if (friendIds.length === 0) return [];
  const { rows } = await tx.execute<{ friend_id: string; scenario_id: string; node_id: string }>(sql`
    select distinct u.id as friend_id, c.scenario_id, c.node_id from unnest(${uuidList(friendIds)}::uuid[]) u(id)
    cross join lateral (select c.scenario_id, c.node_id from ${cohortSends} c
      where ${cohortMemberSql(sql`u.id`)} and c.status = 'sent' offset 0) c`);
  return rows.map((row) => ({ friendId: row.friend_id, scenarioId: row.scenario_id, nodeId: row.node_id }));
}

/** The friend's last cohort send that reached them: its scenario, node and time. */
export async function lastCohortSendTo(tx: Tx, friendId: string): Promise<{ scenarioId: string; nodeId: string; at: Date } | undefined> {
  const { rows: [row] } = await tx.execute<{ scenario_id: string; node_id: string; sent_at: string | Date }>(sql`
    select c.scenario_id, c.node_id, c.sent_at from ${cohortSends} c
    where ${cohortMemberSql(sql`${friendId}::uuid`)} and c.status = 'sent' order by c.sent_at desc limit 1`);
  return row ? { scenarioId: row.scenario_id, nodeId: row.node_id, at: new Date(row.sent_at) } : undefined;
}

/** SQL: the sent times of the cohort sends that reached the friend `friendId` (a uuid expression). */
export function cohortSentTimesSql(friendId: SQL): SQL {
  return sql`select c.sent_at from ${cohortSends} c where ${cohortMemberSql(friendId)} and c.status = 'sent'`;
}

/** Per node of the scenario: friends its cohort sends reached. */
export async function cohortSentCounts(db: Tx, scenarioId: string): Promise<Array<{ nodeId: string; count: number }>> {
  const { rows } = await db.execute<{ node_id: string; n: number }>(sql`
    select c.node_id, sum(cardinality(c.friend_ids))::int as n from ${cohortSends} c
    where c.scenario_id = ${scenarioId}::uuid and c.status = 'sent' group by c.node_id`);
  return rows.map((row) => ({ nodeId: row.node_id, count: row.n }));
}
