import { fnv1a } from '@lsb/shared';

/**
 * Lanes of a channel's inbox. A backlog of webhook events is applied in several transactions side
 * by side instead of one after another: one drain's chain of statements keeps neither PostgreSQL
 * nor the node process busy, since each waits on the other (docs/BENCHMARKS.md). A LINE user's
 * events always take the same lane, so they stay in one transaction, in arrival order.
 */
export const INGEST_LANES = 4;

/** The lane a LINE user's events take (FNV-1a of the user id): the same in every process. */
export function laneOf(userId: string): number {
  return fnv1a(userId) % INGEST_LANES;
}

export interface LaneGroup<T> {
  /** The lanes whose events this transaction applies, ascending (the order their locks are taken in). */
  lanes: number[];
  items: T[];
}

/**
 * Splits pending events, in arrival order, into the transactions that apply them side by side: as
 * many as `perTransaction`-sized transactions the events fill, at most INGEST_LANES. Each holds whole
 * lanes, so no user is split between two, and keeps its events in arrival order. A drain that keeps
 * up (fewer events than one transaction takes) stays one transaction.
 */
export function splitIntoLanes<T>(items: T[], userOf: (item: T) => string, perTransaction: number): Array<LaneGroup<T>> {
  const count = Math.min(INGEST_LANES, Math.max(1, Math.ceil(items.length / perTransaction)));
  const groups = Array.from({ length: count }, (_, index): LaneGroup<T> => ({
    lanes: Array.from({ length: INGEST_LANES }, (_, lane) => lane).filter((lane) => lane % count === index),
    items: [],
  }));
  for (const item of items) groups[laneOf(userOf(item)) % count]!.items.push(item);
  return groups.filter((group) => group.items.length > 0);
}
