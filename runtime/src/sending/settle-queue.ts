import type { Clock } from '../clock.ts';
import type { Db } from '../db/pool.ts';
import { createGroupCommit } from '../group-commit.ts';
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
  // One settle at a time: two statements settling at once could lock overlapping rows in turn.
  const group = createGroupCommit<BatchSettlement>((batches) => settleSendBatches(db, batches, clock.now()));
  return {
    /** Resolves once the batch's settle has committed; rejects if its statement failed. */
    settle: (settlement: BatchSettlement): Promise<void> => group.add(settlement),
  };
}
