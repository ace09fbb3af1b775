import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { Tx } from '../services/friends.ts';
import { QUEUES, type ActivityJob, type WakeJob } from '../jobs/queues.ts';

// Jobs are written through the caller's transaction: they exist if and only if the state change
// that asked for them committed. A crash can never leave a run advanced without its wake-up.

const inTx = (tx: Tx) => ({ db: fromDrizzle(tx as never, sql) });

export function enqueueWake(boss: PgBoss, tx: Tx, job: WakeJob, at: Date) {
  return boss.send(QUEUES.wake, job, { ...inTx(tx), startAfter: at });
}

/**
 * How long a send waits for its cohort. Friends due at the same node at the same minute are woken
 * a worker batch at a time; a send job that ran at once would claim only the siblings committed so
 * far and split one cohort into several requests (tests saw 25 friends go out as 10 + 15). Waiting
 * a moment lets the rest of the cohort be queued first, so it leaves as one multicast of up to 500.
 */
export const SEND_GATHER_SECONDS = 1;

export function enqueueActivity(boss: PgBoss, tx: Tx, job: ActivityJob) {
  return boss.send(QUEUES.activity, job, inTx(tx));
}

/** Several activities in one multi-row insert (a friend given several tags at once). */
export async function enqueueActivities(boss: PgBoss, tx: Tx, jobs: ActivityJob[]) {
  if (jobs.length > 0) await boss.insert(QUEUES.activity, jobs.map((data) => ({ data })), inTx(tx));
}

/** A send held for a delivery window, released now (the simulator's fast-forward). */
export function enqueueSendAt(boss: PgBoss, tx: Tx, sendId: string, at: Date) {
  return boss.send(QUEUES.send, { sendId }, { ...inTx(tx), startAfter: at });
}
