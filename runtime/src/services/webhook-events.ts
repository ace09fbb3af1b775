import type { PgBoss } from 'pg-boss';
import type { Db } from '../store/tx.ts';
import { queueJobs } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import { insertWebhookEvents, type WebhookEventInsert } from '../store/webhook-events.ts';
import { createGroupCommit } from '../group-commit.ts';

export interface InboxOptions {
  /**
   * Set where this process runs the workers: its commits are drained here, right after they commit,
   * and queue no job: a job a commit (its insert, NOTIFY, fetch and completion) was a fifth of
   * PostgreSQL's CPU a follow at one event a POST (docs/BENCHMARKS.md). Should the process die
   * between commit and drain, the workers' sweep (ingest/drain.ts, sweepInbox) finds the events
   * still pending.
   */
  drainHere?: (channelId: string) => void;
}

/**
 * Group commit for webhook POSTs: every POST that arrives while commits are under way joins the
 * next one, so a thousand POSTs a second cost a few dozen transactions, each one multi-row insert.
 * A process without workers (ROLE=api) adds a drain job per channel to its commit, for the workers
 * elsewhere. A POST is answered only once its events are committed (LINE redelivers anything we
 * answered with an error, and nothing we answered 200); if the commit fails, every POST in it fails
 * and LINE sends them again (the ids dedupe what did land).
 */
export function createWebhookInbox(db: Db, boss: PgBoss, options: InboxOptions = {}) {
  const { drainHere } = options;
  const group = createGroupCommit<WebhookEventInsert[]>(async (posts) => {
    if (!drainHere) {
      await db.transaction(async (tx) => {
        const channels = await insertWebhookEvents(tx, posts.flat());
        await queueJobs(boss, tx, QUEUES.webhookEvent, channels.map((channelId) => ({ data: { channelId } })));
      });
      return;
    }
    // One statement, atomic on its own: no BEGIN and COMMIT round trips.
    const channels = await insertWebhookEvents(db, posts.flat());
    // Not awaited: the POSTs are answered once committed; applying them is the drain's business.
    for (const channelId of channels) drainHere(channelId);
  });

  return {
    /** Resolves once these rows are committed (with the job that will apply them, or a drain here). */
    add(rows: WebhookEventInsert[]): Promise<void> {
      return rows.length === 0 ? Promise.resolve() : group.add(rows);
    },
    /** Waits for the commits under way (shutdown). */
    idle: group.idle,
  };
}
