import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { ActivityJob, EnrolJob, ProfileJob, QueueName, SendJob, WakeJob, WebhookEventJob } from './queues.ts';
import type { QUEUES } from './queues.ts';
import type { Tx } from './tx.ts';

// Jobs are written through the caller's transaction: they exist if and only if the state change
// that asked for them committed. A crash can never leave a run advanced without its wake-up.
// This file is the only place that hands a drizzle transaction to pg-boss.

/** Each queue's job data: a job can only be queued with the shape its worker reads. */
export interface JobData {
  [QUEUES.webhookEvent]: WebhookEventJob;
  [QUEUES.profile]: ProfileJob;
  [QUEUES.wake]: WakeJob;
  [QUEUES.enrol]: EnrolJob;
  [QUEUES.activity]: ActivityJob;
  [QUEUES.send]: SendJob;
}

export interface QueuedJob<Q extends QueueName> {
  data: JobData[Q];
  /** When the job may start: a moment, or pg-boss's `'<n> seconds'`. Now when left out. */
  startAfter?: Date | string;
}

const inTx = (tx: Tx) => ({ db: fromDrizzle(tx as never, sql) });

/** Queues jobs of one queue in one multi-row insert, inside the caller's transaction. */
export async function queueJobs<Q extends QueueName>(boss: PgBoss, tx: Tx, queue: Q, jobs: ReadonlyArray<QueuedJob<Q>>): Promise<void> {
  if (jobs.length === 0) return;
  await boss.insert(queue, jobs.map(({ data, startAfter }) => (startAfter === undefined ? { data } : {
    data, startAfter: startAfter instanceof Date ? startAfter.toISOString() : startAfter,
  })), inTx(tx));
}

/** One job, inside the caller's transaction. */
export function queueJob<Q extends QueueName>(boss: PgBoss, tx: Tx, queue: Q, data: JobData[Q], startAfter?: Date | string): Promise<void> {
  return queueJobs(boss, tx, queue, [startAfter === undefined ? { data } : { data, startAfter }]);
}

/**
 * Completes a worker's claimed jobs inside the transaction that did their work, fenced to these
 * attempts. Returns how many were still claimed (pg-boss 12 types the result as {}; at run time it
 * carries the count the statement settled).
 */
export async function completeJobs(boss: PgBoss, tx: Tx, queue: QueueName, attempts: Array<{ id: string; retryCount: number }>): Promise<number> {
  const { affected } = await boss.complete(queue, attempts, null, inTx(tx)) as { affected: number };
  return affected;
}
