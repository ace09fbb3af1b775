import { eq } from 'drizzle-orm';
import { runs } from '../db/schema/index.ts';
import { initialRunState, parseRunState, step } from '../engine/step.ts';
import type { EngineEvent } from '../engine/types.ts';
import { recordTimeline, type Tx } from '../services/friends.ts';
import { applyStep } from './apply-step.ts';
import type { RunContext } from './context.ts';
import { loadEngineFriend } from './friend-snapshot.ts';
import { versionGraph } from './version-graphs.ts';

type RunRecord = typeof runs.$inferSelect;

/** Steps one run with one event and writes the outcome, all in the caller's transaction. */
export async function advanceRun(tx: Tx, ctx: RunContext, run: RunRecord, event: EngineEvent): Promise<'moved' | 'unchanged'> {
  const graph = await versionGraph(tx, run.versionId);
  const snapshot = await loadEngineFriend(tx, run.friendId);
  // The row's status is the truth: blocking, resuming and stop-scenario change it without a step.
  const state = { ...parseRunState(run.state), status: run.status };
  const result = step({ graph, state, event, friend: snapshot.friend, timeZone: snapshot.timeZone, now: ctx.clock.now() });
  // An event the run does not wait for changes nothing; writing anyway would bump stepSeq and
  // orphan the run's pending timeout.
  if (result.state === state) return 'unchanged';
  await applyStep(tx, ctx, { ...run, channelId: snapshot.channelId }, result);
  return 'moved';
}

/** The run row, locked: one worker at a time moves a given friend through a given run. */
export async function lockRun(tx: Tx, runId: string): Promise<RunRecord | undefined> {
  const [row] = await tx.select().from(runs).where(eq(runs.id, runId)).for('update');
  return row;
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

export async function startRun(tx: Tx, ctx: RunContext, input: StartRunInput): Promise<string> {
  const now = ctx.clock.now();
  const state = initialRunState(input.seed);
  const [run] = await tx.insert(runs).values({
    workspaceId: input.workspaceId,
    friendId: input.friendId,
    scenarioId: input.scenarioId,
    versionId: input.versionId,
    status: 'running',
    state,
    startedAt: now,
  }).returning();
  await recordTimeline(tx, { id: input.friendId, workspaceId: input.workspaceId }, 'run_started',
    { scenarioId: input.scenarioId, runId: run!.id, triggerNodeId: input.triggerNodeId }, now);
  await advanceRun(tx, ctx, run!, { kind: 'start', triggerNodeId: input.triggerNodeId });
  return run!.id;
}
