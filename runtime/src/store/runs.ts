import { and, asc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { runs } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

// Runs: a friend's journey through a published scenario version (the interpreter writes them in
// sets through runs/step-writer.ts; these are the reads and writes around it).

export type RunRecord = typeof runs.$inferSelect;

/** The friend's waiting runs, with their wake time if a timer is set. */
export function waitingRunsOf(tx: Tx, friendId: string): Promise<Array<{ id: string; stepSeq: number; wakeAt: Date | null }>> {
  return tx.select({ id: runs.id, stepSeq: runs.stepSeq, wakeAt: runs.wakeAt }).from(runs)
    .where(and(eq(runs.friendId, friendId), eq(runs.status, 'waiting')));
}

/** The friend's runs waiting for their profile (a `{name}` send without a fallback). */
export function runsWaitingForProfile(tx: Tx, friendId: string): Promise<Array<{ runId: string; stepSeq: number }>> {
  return tx.select({ runId: runs.id, stepSeq: runs.stepSeq }).from(runs)
    .where(and(eq(runs.friendId, friendId), eq(runs.status, 'waiting'), sql`${runs.state}->'waitingFor'->>'event' = 'profile'`));
}

/** The run rows, locked in id order (no deadlock between batches): one worker moves a run at a time. */
export async function lockRuns(tx: Tx, runIds: string[]): Promise<RunRecord[]> {
  if (runIds.length === 0) return [];
  return tx.select().from(runs).where(inArray(runs.id, runIds)).orderBy(asc(runs.id)).for('update');
}

/** These friends' waiting runs, but for `except` (unlocked: the caller locks the ones it moves). */
export function waitingRunsOfFriends(tx: Tx, friendIds: string[], except: string[] = []) {
  return tx.select({ id: runs.id, versionId: runs.versionId, currentNodeId: runs.currentNodeId, friendId: runs.friendId }).from(runs)
    .where(and(inArray(runs.friendId, friendIds), eq(runs.status, 'waiting'), except.length ? notInArray(runs.id, except) : undefined));
}

/** Which of these friends have a run waiting at a wait-for-event node for `event`. */
export async function friendsWaitingFor(tx: Tx, friendIds: string[], event: string): Promise<Set<string>> {
  const waiting = await tx.selectDistinct({ friendId: runs.friendId }).from(runs)
    .where(and(inArray(runs.friendId, friendIds), eq(runs.status, 'waiting'), sql`${runs.state}->'waitingFor'->>'event' = ${event}`));
  return new Set(waiting.map((row) => row.friendId));
}
