import { sql } from 'drizzle-orm';
import { fromDrizzle, type PgBoss } from 'pg-boss';
import type { Tx } from '../services/friends.ts';
import { QUEUES, type ActivityJob, type EnrolJob, type SendJob, type WakeJob } from '../jobs/queues.ts';

// Jobs are written through the caller's transaction: they exist if and only if the state change
// that asked for them committed. A crash can never leave a run advanced without its wake-up.

const inTx = (tx: Tx) => ({ db: fromDrizzle(tx as never, sql) });

export function enqueueWake(boss: PgBoss, tx: Tx, job: WakeJob, at: Date) {
  return boss.send(QUEUES.wake, job, { ...inTx(tx), startAfter: at });
}

export function enqueueSend(boss: PgBoss, tx: Tx, job: SendJob) {
  return boss.send(QUEUES.send, job, inTx(tx));
}

export function enqueueEnrol(boss: PgBoss, tx: Tx, job: EnrolJob) {
  return boss.send(QUEUES.enrol, job, inTx(tx));
}

export function enqueueActivity(boss: PgBoss, tx: Tx, job: ActivityJob) {
  return boss.send(QUEUES.activity, job, inTx(tx));
}
