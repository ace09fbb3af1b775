import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { Db } from '../db/pool.ts';
import { QUEUES, type WebhookEventJob } from '../jobs/queues.ts';
import { insertWebhookEvents, type WebhookEventInsert } from '../store/webhook-events.ts';

interface Waiter { rows: WebhookEventInsert[]; resolve: () => void; reject: (error: unknown) => void }

/**
 * Group commit for webhook POSTs: every POST that arrives while a commit is under way joins the
 * next one, so a thousand POSTs a second cost a few dozen transactions, each one multi-row insert
 * plus one drain job per channel. A POST is answered only once its events are committed (LINE
 * redelivers anything we answered with an error, and nothing we answered 200); if the commit
 * fails, every POST in it fails and LINE sends them again (the ids dedupe what did land).
 */
export function createGroupCommit(db: Db, boss: PgBoss) {
  let waiting: Waiter[] = [];
  let running: Promise<void> | undefined;

  async function commit(batch: Waiter[]): Promise<void> {
    await db.transaction(async (tx) => {
      const channels = await insertWebhookEvents(tx, batch.flatMap((waiter) => waiter.rows));
      if (channels.length === 0) return;
      const jobs = channels.map((channelId): { data: WebhookEventJob } => ({ data: { channelId } }));
      await boss.insert(QUEUES.webhookEvent, jobs, { db: fromDrizzle(tx as never, sql) });
    });
  }

  async function loop(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        await commit(batch);
        for (const waiter of batch) waiter.resolve();
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    running = undefined;
  }

  return {
    /** Resolves once these rows are committed (with the jobs that will apply them). */
    add(rows: WebhookEventInsert[]): Promise<void> {
      if (rows.length === 0) return Promise.resolve();
      const done = new Promise<void>((resolve, reject) => waiting.push({ rows, resolve, reject }));
      running ??= loop();
      return done;
    },
    /** Waits for commits under way (shutdown). */
    async idle(): Promise<void> {
      while (running) await running;
    },
  };
}
