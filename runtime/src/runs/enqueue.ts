import type { PgBoss } from 'pg-boss';
import type { Tx } from '../store/tx.ts';
import { queueJob, queueJobs } from '../store/jobs.ts';
import { QUEUES, type ActivityJob, type WakeJob } from '../store/queues.ts';

export function enqueueWake(boss: PgBoss, tx: Tx, job: WakeJob, at: Date) {
  return queueJob(boss, tx, QUEUES.wake, job, at);
}

/**
 * How long a send waits for its cohort. Friends due at the same node at the same minute are woken
 * a worker batch at a time; a send job that ran at once would claim only the siblings committed so
 * far and split one cohort into several requests (tests saw 25 friends go out as 10 + 15). Waiting
 * a moment lets the rest of the cohort be queued first, so it leaves as one multicast of up to 500.
 */
export const SEND_GATHER_SECONDS = 1;

/** Several activities in one multi-row insert (a friend given several tags at once). */
export async function enqueueActivities(boss: PgBoss, tx: Tx, jobs: ActivityJob[]) {
  await queueJobs(boss, tx, QUEUES.activity, jobs.map((data) => ({ data })));
}

/** A send held for a delivery window, released now (the simulator's fast-forward). */
export function enqueueSendAt(boss: PgBoss, tx: Tx, sendId: string, at: Date) {
  return queueJob(boss, tx, QUEUES.send, { sendId }, at);
}
