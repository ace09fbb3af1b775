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

export function enqueueActivity(boss: PgBoss, tx: Tx, job: ActivityJob) {
  return boss.send(QUEUES.activity, job, inTx(tx));
}

/** Several activities in one multi-row insert (a friend given several tags at once). */
export async function enqueueActivities(boss: PgBoss, tx: Tx, jobs: ActivityJob[]) {
  if (jobs.length > 0) await boss.insert(QUEUES.activity, jobs.map((data) => ({ data })), inTx(tx));
}
