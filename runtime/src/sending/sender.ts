import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import { startLoop, type Loop } from '../jobs/loop.ts';
import { pruneRateBudget } from '../store/rate-budget.ts';
import { claimSendBatches, renewSendLeases, type SendBatch } from '../store/send-batches.ts';
import { deliverBatch, type SendGateway } from './deliver.ts';
import { createSettleQueue } from './settle-queue.ts';

export interface SenderTuning {
  /** Queued rows claimed per pass (grouped into batches of ≤ 500). */
  claimRows: number;
  /** Rows this process may hold claimed and unsettled; it claims no more until some settle. */
  maxPendingRows: number;
  /** Batches (requests) likewise: a claim of personalised pushes is one batch per row. */
  maxPendingBatches: number;
  /**
   * Multicasts kept as one row of ≤ 500 friends each, cohorts' and batched broadcasts' (not counted in `maxPendingRows`)
   * this process may hold: enough to keep LINE's 200 multicasts/s per channel busy, few enough that a
   * pause stops within about a second.
   */
  maxPendingMulticasts: number;
  /** LINE requests this process has open at once (each also waits for the shared rate budget). */
  concurrency: number;
  /** How long a claim is this process's: past it, a worker takes the batch again with the same key. */
  leaseMs: number;
  /** Pause between passes that found nothing to claim. */
  idleMs: number;
}

export const DEFAULT_SENDER: SenderTuning = {
  claimRows: 10_000, maxPendingRows: 10_000, maxPendingBatches: 256, maxPendingMulticasts: 32, concurrency: 32, leaseMs: 15_000, idleMs: 100,
};

/**
 * The outbox's sender: claims batches (sends written by steps, no job per send), hands each to LINE
 * and settles it, one statement for the batches answered together (settle-queue.ts). Every worker
 * process runs one; they share the rows through `SKIP LOCKED` claims and LINE's limits through the
 * budget in PostgreSQL.
 */
export function startSender(deps: { db: Db; clock: Clock; gateway: SendGateway; log: FastifyBaseLogger }, tuning: SenderTuning = DEFAULT_SENDER): Loop {
  const { db, clock, gateway, log } = deps;
  const delivery = { db, clock, gateway, settles: createSettleQueue(db, clock) };
  let pendingRows = 0;
  let pendingMulticasts = 0;
  const pending = new Map<string, SendBatch>();
  let renewedAt = clock.now().getTime();
  let open = 0;
  const waiting: Array<() => void> = [];
  const inFlight = new Set<Promise<void>>();
  let prunedAt = 0;
  // A claim reads up to `claimRows` candidates however few batches it may take. With many batches
  // out (personalised pushes are a batch each), claiming whenever one settles would read thousands
  // of rows to take one: the sender claims again once half of them have settled (that one nudges it).
  const claimBelow = Math.floor(tuning.maxPendingBatches / 2);

  const slot = async () => {
    if (open < tuning.concurrency) { open += 1; return; }
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next(); else open -= 1;
  };

  const dispatch = (batch: SendBatch) => {
    const kept = batch.broadcast || batch.cohort;
    const rows = kept ? 0 : batch.members.length;
    const multicasts = kept ? 1 : 0;
    pendingRows += rows;
    pendingMulticasts += multicasts;
    pending.set(batch.key, batch);
    const done = (async () => {
      await slot();
      try {
        await deliverBatch(delivery, batch);
      } catch (error) {
        // The batch stays in flight under its lease; when that lapses it is taken again, same key.
        log.warn({ err: error, batch: batch.key }, 'send batch failed; it is retried when its lease lapses');
      } finally {
        release();
        pendingRows -= rows;
        pendingMulticasts -= multicasts;
        pending.delete(batch.key);
        if (pending.size === claimBelow) loop.nudge();
      }
    })();
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  const loop = startLoop('sender', log, tuning.idleMs, async () => {
    if (Date.now() - prunedAt > 10_000) {
      prunedAt = Date.now();
      await pruneRateBudget(db, prunedAt);
    }
    // Leases run on the product's clock, as the claims that set them.
    if (clock.now().getTime() - renewedAt > tuning.leaseMs / 3) {
      renewedAt = clock.now().getTime();
      await renewSendLeases(db, [...pending.values()], new Date(renewedAt + tuning.leaseMs));
    }
    const room = tuning.maxPendingRows - pendingRows;
    const batchRoom = tuning.maxPendingBatches - pending.size;
    const multicastRoom = tuning.maxPendingMulticasts - pendingMulticasts;
    if ((room <= 0 && multicastRoom <= 0) || pending.size > claimBelow) return false;
    const now = clock.now();
    const batches = await claimSendBatches(db, now, new Date(now.getTime() + tuning.leaseMs), {
      rows: Math.max(0, Math.min(tuning.claimRows, room)), batches: batchRoom, multicasts: Math.max(0, Math.min(multicastRoom, batchRoom)),
    });
    for (const batch of batches) dispatch(batch);
    return batches.length > 0;
  });

  return {
    async stop() {
      await loop.stop();
      await Promise.allSettled([...inFlight]);
    },
  };
}
