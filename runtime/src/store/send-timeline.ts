import { sql } from 'drizzle-orm';
import { sends } from '../db/schema/index.ts';
import { cohortSendsOf } from './cohort-sends.ts';
import type { Tx } from './tx.ts';

type SendEntry =
  | { kind: 'message_sent'; detail: { sendId: string; scenarioId: string | null; nodeId: string | null; retryKeyReplayed?: true }; at: Date }
  | { kind: 'send_failed'; detail: { sendId: string; scenarioId: string | null; nodeId: string | null; status: number; reason: string }; at: Date };

/**
 * The friend's settled sends, newest first, as timeline entries (`message_sent`, `send_failed`):
 * the outbox's settled rows and the cohort sends the friend was a member of (store/cohort-sends.ts).
 * The settled send is the entry: the sender writes no timeline row per friend, so a cohort's
 * 500-friend settle is one row, and the two can never disagree.
 */
export async function sendTimelineOf(db: Tx, friendId: string, limit: number): Promise<SendEntry[]> {
  const { rows } = await db.execute<{
    id: string; scenario_id: string | null; node_id: string | null; status: 'sent' | 'failed'; at: string | Date;
    error: { status: number; reason: string } | null; retry_key_replayed: boolean;
  }>(sql`
    select id, scenario_id, node_id, status, coalesce(sent_at, failed_at) as at, error, retry_key_replayed
    from ${sends} where friend_id = ${friendId}::uuid and status in ('sent', 'failed') and coalesce(sent_at, failed_at) is not null
    order by at desc limit ${limit}`);
  const cohort = await cohortSendsOf(db, friendId, limit);
  const newestFirst = cohort.length === 0 ? rows
    : [...rows, ...cohort].sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime()).slice(0, limit);
  return newestFirst.map((row): SendEntry => {
    const origin = { sendId: row.id, scenarioId: row.scenario_id, nodeId: row.node_id };
    const at = new Date(row.at);
    if (row.status === 'failed') return { kind: 'send_failed', detail: { ...origin, status: row.error?.status ?? 0, reason: row.error?.reason ?? '' }, at };
    return { kind: 'message_sent', detail: { ...origin, ...(row.retry_key_replayed ? { retryKeyReplayed: true as const } : {}) }, at };
  });
}
