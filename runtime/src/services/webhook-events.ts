import type { PgBoss } from 'pg-boss';
import type { Db } from '../store/tx.ts';
import { queueJobs } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import { insertWebhookEvents, type WebhookEventInsert } from '../store/webhook-events.ts';
import { createGroupCommit } from '../group-commit.ts';

/**
 * Commits in flight at once. Each waits mostly on the WAL flush, which PostgreSQL shares between
 * concurrent commits, so a few in flight carry several times the POSTs of one.
 */
export const GROUP_COMMITS_IN_FLIGHT = 4;

/**
 * Group commit for webhook POSTs: every POST that arrives while commits are under way joins the
 * next one, so a thousand POSTs a second cost a few dozen transactions, each one multi-row insert
 * plus one drain job per channel. A POST is answered only once its events are committed (LINE
 * redelivers anything we answered with an error, and nothing we answered 200); if the commit
 * fails, every POST in it fails and LINE sends them again (the ids dedupe what did land).
 */
export function createWebhookInbox(db: Db, boss: PgBoss, inFlightLimit = GROUP_COMMITS_IN_FLIGHT) {
  const group = createGroupCommit<WebhookEventInsert[]>((posts) => db.transaction(async (tx) => {
    const channels = await insertWebhookEvents(tx, posts.flat());
    if (channels.length === 0) return;
    await queueJobs(boss, tx, QUEUES.webhookEvent, channels.map((channelId) => ({ data: { channelId } })));
  }), inFlightLimit);

  return {
    /** Resolves once these rows are committed (with the jobs that will apply them). */
    add(rows: WebhookEventInsert[]): Promise<void> {
      return rows.length === 0 ? Promise.resolve() : group.add(rows);
    },
    /** Waits for the commits under way (shutdown). */
    idle: group.idle,
  };
}
