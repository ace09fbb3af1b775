import type { Job, JobResult, PgBoss } from 'pg-boss';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/pool.ts';
import { completeJobs } from '../store/jobs.ts';
import type { Tx } from '../store/tx.ts';
import type { QueueName } from '../store/queues.ts';
import { DEFAULT_SENDER, type SenderTuning } from '../sending/sender.ts';
import { DEFAULT_BROADCAST_TUNING, type BroadcastTuning } from '../services/broadcast-delivery.ts';

export interface WorkerTuning {
  /** Jobs fetched per poll. >= 10 with burst keeps a cohort moving without a poll gap between batches. */
  batchSize: number;
  pollingIntervalSeconds: number;
  localConcurrency: number;
  /** The set-based loops (defaults: DEFAULT_TICKS). */
  ticks?: Partial<TickTuning>;
}

export const DEFAULT_TUNING: WorkerTuning = { batchSize: 20, pollingIntervalSeconds: 0.5, localConcurrency: 2 };

/** The set-based loops' settings (wake tick, enrolments, sender); each has a default. */
export interface TickTuning {
  /** Pause between passes that found no work (real milliseconds). */
  idleMs: number;
  /** Due runs stepped per wake-tick transaction. */
  wakeChunk: number;
  /**
   * Enrolment loops per process. Three keep both cores busy: while one steps its chunk in node and
   * another's statements run in PostgreSQL, the third's chunk is not left waiting on a round trip
   * (two left a 2-core machine idle 15 % of a cohort; three were 2-8 % faster, docs/BENCHMARKS.md).
   * A friend is queued once per scenario, and a later request for a scenario waits for the earlier
   * one, so no two loops decide the same enrolment.
   */
  enrolLoops: number;
  sender: Omit<SenderTuning, 'idleMs'>;
  /** Broadcasts: recipients moved into the outbox per transaction, and how many may wait there. */
  broadcast: BroadcastTuning;
  /**
   * Pause between sweeps of the webhook inbox for events no drain took (real milliseconds): also
   * how long an event that failed waits for its next attempt.
   */
  inboxSweepMs: number;
}

export const DEFAULT_TICKS: TickTuning = {
  idleMs: 100,
  wakeChunk: 1_000,
  enrolLoops: 3,
  broadcast: DEFAULT_BROADCAST_TUNING,
  inboxSweepMs: 1_000,
  sender: {
    claimRows: DEFAULT_SENDER.claimRows, maxPendingRows: DEFAULT_SENDER.maxPendingRows, maxPendingBatches: DEFAULT_SENDER.maxPendingBatches,
    maxPendingMulticasts: DEFAULT_SENDER.maxPendingMulticasts, concurrency: DEFAULT_SENDER.concurrency, leaseMs: DEFAULT_SENDER.leaseMs,
  },
};

export function tickTuning(tuning: WorkerTuning & { ticks?: Partial<TickTuning> }): TickTuning {
  return {
    ...DEFAULT_TICKS, ...tuning.ticks, sender: { ...DEFAULT_TICKS.sender, ...tuning.ticks?.sender },
    broadcast: { ...DEFAULT_TICKS.broadcast, ...tuning.ticks?.broadcast },
  };
}

/** How every worker fetches: batches that burst while full, polled as often as tuned. */
function workOptions(tuning: WorkerTuning) {
  return {
    batchSize: tuning.batchSize,
    burstWhenBatchFull: true,
    pollingIntervalSeconds: tuning.pollingIntervalSeconds,
    // With LISTEN/NOTIFY on, pg-boss polls only every 30 s by default, and NOTIFY fires only for a
    // job due when inserted: a wake-up, a retry or a delayed send would start up to 30 s late.
    notifyPollingIntervalSeconds: tuning.pollingIntervalSeconds,
    localConcurrency: tuning.localConcurrency,
    perJobResults: true as const,
  };
}

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
  return boss.work<T>(queue, workOptions(tuning), async (jobs: Job<T>[]): Promise<JobResult[]> => {
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
 * Runs a whole batch in one go, in one transaction (`handleBatch`, with set-based reads and writes:
 * a cohort costs about as much as one friend). If the batch fails, its jobs are retried one by one,
 * so a single bad job cannot hold its batch-mates back.
 */
export async function workBatch<T extends object>(
  boss: PgBoss,
  db: Db,
  queue: QueueName,
  log: FastifyBaseLogger,
  tuning: WorkerTuning,
  handleBatch: (tx: Tx, data: T[]) => Promise<void>,
): Promise<string> {
  // The jobs are completed by the transaction that does their work. Completed afterwards, as pg-boss
  // does, a process killed between the two commits leaves the work done and the jobs active, and
  // they run again: an enrolment into an everyTime scenario would start a second run and send its
  // messages twice. Fenced to this attempt: if the claim lapsed (a stalled process whose heartbeat
  // the supervisor gave up on) another attempt owns the jobs, so this one's work is rolled back.
  const run = (jobs: Job<T>[]) => db.transaction(async (tx) => {
    await handleBatch(tx, jobs.map((job) => job.data));
    const attempts = jobs.map(({ id, retryCount }) => ({ id, retryCount }));
    const affected = await completeJobs(boss, tx, queue, attempts);
    if (affected !== jobs.length) throw new Error(`${jobs.length - affected} of ${jobs.length} jobs are no longer claimed by this worker`);
  });
  return boss.work<T>(queue, workOptions(tuning), async (jobs: Job<T>[]): Promise<JobResult[]> => {
    try {
      await run(jobs);
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
          await run([job]);
          results.push({ id: job.id, status: 'completed' });
        } catch (jobError) {
          results.push({ id: job.id, status: 'failed', output: { message: (jobError as Error).message } });
        }
      }
      return results;
    }
  });
}
