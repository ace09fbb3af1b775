import { broadcastTick, type BroadcastDeps, type BroadcastTuning } from '../services/broadcast-delivery.ts';

/**
 * The broadcast tick, run by every worker as one of the set-based loops: fires scheduled and monthly
 * occurrences when due (the occurrence's unique key makes each fire once however many workers tick)
 * and feeds running ones into the send outbox. Returns whether there is more to do at once.
 */
export function broadcastPass(deps: BroadcastDeps, tuning?: BroadcastTuning): () => Promise<boolean> {
  return () => broadcastTick(deps, tuning);
}
