import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import { settleSendBatches, type BatchSettlement } from '../store/send-batches.ts';

export type SettleQueue = ReturnType<typeof createSettleQueue>;

/**
 * Settles the sender's batches by group commit: while one statement settles the batches whose
 * answers came in, those answered meanwhile wait and go together in the next. Alone, a batch settles
 * at once; under load (a cohort's personalised pushes, one batch each) a statement and a commit
 * serve many batches instead of one each, which was the sender's limit.
 *
 * A settle that never commits (the process dies, the statement fails) loses nothing: the rows stay
 * in flight, their lease lapses, and the batch is sent again with its key, which LINE answers 409.
 */
export function createSettleQueue(db: Db, clock: Clock) {
  let waiting: Array<BatchSettlement & { done: () => void; failed: (error: unknown) => void }> = [];
  let flushing = false;

  async function flush(): Promise<void> {
    flushing = true;
    try {
      while (waiting.length > 0) {
        const group = waiting;
        waiting = [];
        try {
          await settleSendBatches(db, group, clock.now());
          for (const entry of group) entry.done();
        } catch (error) {
          for (const entry of group) entry.failed(error);
        }
      }
    } finally {
      flushing = false;
    }
  }

  return {
    /** Resolves once the batch's settle has committed; rejects if its statement failed. */
    settle(settlement: BatchSettlement): Promise<void> {
      return new Promise<void>((done, failed) => {
        waiting.push({ ...settlement, done, failed });
        if (!flushing) void flush();
      });
    },
  };
}
