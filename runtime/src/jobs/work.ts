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

/**
 * Runs a whole batch in one go (`handleBatch`, typically one transaction with set-based reads and
 * writes: a cohort costs about as much as one friend). If the batch fails, its jobs are retried one
 * by one, so a single bad job cannot hold its batch-mates back.
 */
export async function workBatch<T extends object>(
  boss: PgBoss,
  queue: QueueName,
  log: FastifyBaseLogger,
  tuning: WorkerTuning,
  handleBatch: (data: T[]) => Promise<void>,
): Promise<string> {
  return boss.work<T>(queue, {
    batchSize: tuning.batchSize,
    burstWhenBatchFull: true,
    pollingIntervalSeconds: tuning.pollingIntervalSeconds,
    // As in workEach: without it a wake-up (or a fast-forward whose start time is a hair after the
    // insert) gets no NOTIFY and waits for pg-boss's 30 s notify-mode poll.
    notifyPollingIntervalSeconds: tuning.pollingIntervalSeconds,
    localConcurrency: tuning.localConcurrency,
    perJobResults: true,
  }, async (jobs: Job<T>[]): Promise<JobResult[]> => {
    try {
      await handleBatch(jobs.map((job) => job.data));
      return jobs.map((job) => ({ id: job.id, status: 'completed' as const }));
    } catch (error) {
      if (jobs.length === 1) {
        log.warn({ err: error, queue, jobId: jobs[0]!.id }, 'job failed; it will be retried');
        return [{ id: jobs[0]!.id, status: 'failed', output: { message: (error as Error).message } }];
      }
      log.warn({ err: error, queue, size: jobs.length }, 'batch failed; retrying its jobs one by one');
      const results: JobResult[] = [];
      for (const job of jobs) {
        try {
          await handleBatch([job.data]);
          results.push({ id: job.id, status: 'completed' });
        } catch (jobError) {
          results.push({ id: job.id, status: 'failed', output: { message: (jobError as Error).message } });
        }
      }
      return results;
    }
  });
}
