import type { Job, JobResult, PgBoss } from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { QueueName } from './queues.ts';

export interface WorkerTuning {
  /** Jobs fetched per poll. >= 10 with burst keeps a cohort moving without a poll gap between batches. */
  batchSize: number;
  pollingIntervalSeconds: number;
  localConcurrency: number;
}

export const DEFAULT_TUNING: WorkerTuning = { batchSize: 20, pollingIntervalSeconds: 0.5, localConcurrency: 2 };

/**
 * Runs `handle` for each job of a batch on its own: one bad job fails (and is retried) alone
 * instead of taking its batch-mates down with it.
 */
export async function workEach<T extends object>(
  boss: PgBoss,
  queue: QueueName,
  log: FastifyBaseLogger,
  tuning: WorkerTuning,
  handle: (data: T, job: Job<T>) => Promise<void>,
): Promise<string> {
  return boss.work<T>(queue, {
    batchSize: tuning.batchSize,
    burstWhenBatchFull: true,
    pollingIntervalSeconds: tuning.pollingIntervalSeconds,
    // With LISTEN/NOTIFY on, pg-boss polls only every 30 s by default, and NOTIFY fires only for a
    // job due when inserted: a wake-up, a retry or a delayed send would start up to 30 s late.
    notifyPollingIntervalSeconds: tuning.pollingIntervalSeconds,
    localConcurrency: tuning.localConcurrency,
    perJobResults: true,
  }, async (jobs: Job<T>[]): Promise<JobResult[]> => {
    const results: JobResult[] = [];
    for (const job of jobs) {
      try {
        await handle(job.data, job);
        results.push({ id: job.id, status: 'completed' });
      } catch (error) {
        log.warn({ err: error, queue, jobId: job.id, retry: job.retryCount }, 'job failed; it will be retried');
        results.push({ id: job.id, status: 'failed', output: { message: (error as Error).message } });
      }
    }
    return results;
  });
}
