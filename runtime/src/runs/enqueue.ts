import type { PgBoss } from 'pg-boss';
import type { Tx } from '../store/tx.ts';
import { queueJob, queueJobs } from '../store/jobs.ts';
import { QUEUES, type ActivityJob, type WakeJob } from '../store/queues.ts';

export function enqueueWake(boss: PgBoss, tx: Tx, job: WakeJob, at: Date) {
  return queueJob(boss, tx, QUEUES.wake, job, at);
}


/** Several activities in one multi-row insert (a friend given several tags at once). */
export async function enqueueActivities(boss: PgBoss, tx: Tx, jobs: ActivityJob[]) {
  await queueJobs(boss, tx, QUEUES.activity, jobs.map((data) => ({ data })));
}
