import { initialRunState, parseRunState, step, storedRunState } from '../engine/step.ts';
import type { EngineEvent } from '../engine/types.ts';
import { insertRuns, type RunRecord } from '../store/runs.ts';
import type { Tx } from '../store/tx.ts';
import type { RunContext } from './context.ts';
import { engineFriendFor, factNeedsOf, friendNow, loadFriendSnapshots, type FriendSnapshot } from './friend-snapshot.ts';
import { StepWriter } from './step-writer.ts';
import { versionGraphs } from '../store/version-graphs.ts';
import { splitWinnersFor } from '../store/split-winners.ts';
import { timeOrderedUuid } from '../store/ids.ts';

export type { RunRecord };

/**
 * Steps many runs, each with its own event, reading their friends once and writing once, all in
 * the caller's transaction. Pass a writer to fold the writes into a larger batch, and
 * `friendsRead`, the friends as the caller read them in this transaction, to spare a second read
 * (used unless the graphs ask about runs, which these runs' own rows may have changed). Returns how many runs
 * moved: an event a run does not wait for leaves it exactly as it was (no write, so its pending
 * timeout stays valid).
 */
export async function advanceRuns(
  tx: Tx, ctx: RunContext, items: Array<{ run: RunRecord; event: EngineEvent }>, writer?: StepWriter, friendsRead?: ReadonlyMap<string, FriendSnapshot>,
): Promise<number> {
  const batch = writer ?? new StepWriter(ctx);
  const graphs = await versionGraphs(tx, items.map(({ run }) => run.versionId));
  const needs = factNeedsOf(graphs.values());
  const snapshots = friendsRead && !needs.runs ? friendsRead : await loadFriendSnapshots(tx, items.map((item) => item.run.friendId), needs, ctx.clock.now());
  const winners = await splitWinnersFor(tx, graphs, items.map(({ run }) => run));
  let moved = 0;
  for (const { run, event } of items) {
    const snapshot = snapshots.get(run.friendId);
    if (!snapshot) continue;
    const graph = graphs.get(run.versionId)!;
    // The row's status is the only one: blocking, resuming and stop-scenario change it without a step.
    const state = parseRunState(run.state, run.status);
    // The friend's own now: waits are planned from it and date conditions read it (a virtual
    // friend fast-forwarded to day 1 lives on day 1; real friends have no offset).
    const now = friendNow(ctx.clock.now(), snapshot);
    const result = step({ graph, state, event, friend: engineFriendFor(snapshot, run, ctx, graph), timeZone: snapshot.timeZone, deliveryWindows: snapshot.deliveryWindows, splitWinners: winners.get(run.scenarioId) ?? {}, now });
    if (result.state === state) continue;
    // A friend read active may be sent to in a cohort batch, which carries what this read saw.
    const recipient = snapshot.status === 'active' ? { lineUserId: snapshot.lineUserId, friendsReadXmin: snapshot.friendsReadXmin } : undefined;
    batch.add({ ...run, channelId: snapshot.channelId, clockOffsetMs: snapshot.clockOffsetMs, recipient }, result);
    moved += 1;
  }
  if (!writer) await batch.flush(tx);
  return moved;
}

export interface StartRunInput {
  workspaceId: string;
  friendId: string;
  scenarioId: string;
  versionId: string;
  triggerNodeId: string;
  /** Drawn at the edge (never in the engine), so random split is replayable from the stored run. */
  seed: number;
}

/**
 * Starts the runs and steps each through its trigger, in one batch. A run is written once, in the
 * state its first step left it (an insert and an update per friend cost a third of a cohort's
 * time), unless a branch of these graphs asks about the friend's runs: then the new runs are in the
 * table before the step reads them, as they always were. Given a writer, it is inserted at once,
 * because the writer's owner may read runs before it flushes.
 */
export async function startRuns(tx: Tx, ctx: RunContext, inputs: StartRunInput[], writer?: StepWriter, friendsRead?: ReadonlyMap<string, FriendSnapshot>): Promise<RunRecord[]> {
  if (inputs.length === 0) return [];
  const batch = writer ?? new StepWriter(ctx);
  const now = ctx.clock.now();
  // Ids drawn here, so the rows need not be read back; in time order, so they append to the key's index.
  const inserted: RunRecord[] = inputs.map((input) => ({
    id: timeOrderedUuid(now), workspaceId: input.workspaceId, friendId: input.friendId, scenarioId: input.scenarioId, versionId: input.versionId,
    status: 'running', currentNodeId: null, wakeAt: null, state: storedRunState(initialRunState(input.seed)), stepSeq: 0, startedAt: now, finishedAt: null,
  }));
  const graphs = await versionGraphs(tx, inputs.map((input) => input.versionId));
  if (writer || factNeedsOf(graphs.values()).runs) await insertRuns(tx, inserted);
  else batch.insertOnFlush(inserted);
  const items = inserted.map((run, index) => ({ run, event: { kind: 'start' as const, triggerNodeId: inputs[index]!.triggerNodeId } }));
  await advanceRuns(tx, ctx, items, batch, friendsRead);
  if (!writer) await batch.flush(tx);
  return inserted;
}
