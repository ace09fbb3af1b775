import { and, asc, eq, inArray, ne, notInArray, sql } from 'drizzle-orm';
import { anyUuid, columnsOf, jsonbList, uuidList } from './any-of.ts';
import type { RunStatus } from '@lsb/shared';
import { runs } from '../db/schema/index.ts';
import { bulkInsert } from './bulk-insert.ts';
import type { Tx } from './tx.ts';

// Runs: a friend's journey through a published scenario version (the interpreter writes them in
// sets through runs/step-writer.ts; these are the reads and writes around it).

export type RunRecord = typeof runs.$inferSelect;
export interface RunStepWrite {
  workspaceId: string;
  runId: string;
  /** The run's step_seq after this step. */
  stepSeq: number;
  scenarioId: string;
  enteredAt: Date;
  nodeIds: string[];
  visits: number[];
  /** Per entered node, the output it was left by in this step; null where the run stopped to wait. */
  outputs: Array<string | null>;
}

/** New runs, with ids drawn by the caller so the rows need not be read back: one statement, one parameter per column. */
export async function insertRuns(tx: Tx, rows: readonly RunRecord[]): Promise<void> {
  await bulkInsert(tx, 'runs', [
    { name: 'id', type: 'uuid', value: (r) => r.id },
    { name: 'workspace_id', type: 'uuid', value: (r) => r.workspaceId },
    { name: 'friend_id', type: 'uuid', value: (r) => r.friendId },
    { name: 'scenario_id', type: 'uuid', value: (r) => r.scenarioId },
    { name: 'version_id', type: 'uuid', value: (r) => r.versionId },
    { name: 'status', type: 'text', value: (r) => r.status },
    { name: 'current_node_id', type: 'text', value: (r) => r.currentNodeId },
    { name: 'wake_at', type: 'timestamptz', value: (r) => r.wakeAt },
    { name: 'state', type: 'jsonb', value: (r) => r.state },
    { name: 'step_seq', type: 'int', value: (r) => r.stepSeq },
    { name: 'started_at', type: 'timestamptz', value: (r) => r.startedAt },
    { name: 'finished_at', type: 'timestamptz', value: (r) => r.finishedAt },
  ], rows);
}

/** The friend's waiting runs, with their wake time if a timer is set. */
export function waitingRunsOf(tx: Tx, friendId: string): Promise<Array<{ id: string; stepSeq: number; wakeAt: Date | null }>> {
  return tx.select({ id: runs.id, stepSeq: runs.stepSeq, wakeAt: runs.wakeAt }).from(runs)
    .where(and(eq(runs.friendId, friendId), eq(runs.status, 'waiting')));
}

/**
 * The friends' runs waiting for their profile (a `{name}` send without a fallback) fall due now: the
 * wake tick (store/due-runs.ts) takes them, a cohort at a time, rather than a wake-up job each.
 */
export async function wakeRunsWaitingForProfile(tx: Tx, friendIds: string[], now: Date): Promise<void> {
  if (friendIds.length === 0) return;
  await tx.update(runs).set({ wakeAt: now })
    .where(and(anyUuid(runs.friendId, friendIds), eq(runs.status, 'waiting'), sql`${runs.state}->'waitingFor'->>'event' = 'profile'`));
}

/** The run rows, locked in id order (no deadlock between batches): one worker moves a run at a time. */
export async function lockRuns(tx: Tx, runIds: string[]): Promise<RunRecord[]> {
  if (runIds.length === 0) return [];
  return tx.select().from(runs).where(anyUuid(runs.id, runIds)).orderBy(asc(runs.id)).for('update');
}

/** These friends' waiting runs, but for `except` (unlocked: the caller locks the ones it moves). */
export function waitingRunsOfFriends(tx: Tx, friendIds: string[], except: string[] = []) {
  return tx.select({ id: runs.id, versionId: runs.versionId, currentNodeId: runs.currentNodeId, friendId: runs.friendId }).from(runs)
    .where(and(anyUuid(runs.friendId, friendIds), eq(runs.status, 'waiting'), except.length ? notInArray(runs.id, except) : undefined));
}

/** Which of these friends have a run waiting at a wait-for-event node for `event`. */
export async function friendsWaitingFor(tx: Tx, friendIds: string[], event: string): Promise<Set<string>> {
  const waiting = await tx.selectDistinct({ friendId: runs.friendId }).from(runs)
    .where(and(anyUuid(runs.friendId, friendIds), eq(runs.status, 'waiting'), sql`${runs.state}->'waitingFor'->>'event' = ${event}`));
  return new Set(waiting.map((row) => row.friendId));
}

/** The friend's runs held by a block wait again; returns them. */
export function releaseHeldRuns(tx: Tx, friendId: string): Promise<RunRecord[]> {
  return tx.update(runs).set({ status: 'waiting' })
    .where(and(eq(runs.friendId, friendId), eq(runs.status, 'held'))).returning();
}

/** The ids of the friend's runs running or waiting (a block is offered to each). */
export async function runIdsInProgress(tx: Tx, friendId: string): Promise<string[]> {
  const rows = await tx.select({ id: runs.id }).from(runs)
    .where(and(eq(runs.friendId, friendId), inArray(runs.status, ['running', 'waiting'])));
  return rows.map((run) => run.id);
}

/**
 * Every run of these friends in these scenarios, with its status (what re-entry policies decide on).
 * One probe of `runs_friend` per friend, by a lateral subquery the planner may not flatten (`offset
 * 0`). As two `= any(…)` filters, or as a join, the planner chose by the table's statistics, which
 * lag a scenario's first big enrolment: it read every run of the scenario (15–30 ms a chunk of
 * 1,000 friends at 100,000 runs) or the whole table (45 ms), each growing with the runs; the probes
 * take about 4 ms at any size.
 */
export async function runHistory(tx: Tx, friendIds: string[], scenarioIds: string[]): Promise<Array<{ friendId: string; scenarioId: string; status: RunStatus }>> {
  if (friendIds.length === 0 || scenarioIds.length === 0) return [];
  const { rows } = await tx.execute<{ friend_id: string; scenario_id: string; status: RunStatus }>(sql`
    select u.id as friend_id, r.scenario_id, r.status from unnest(${uuidList(friendIds)}::uuid[]) u(id)
    cross join lateral (select r.scenario_id, r.status from ${runs} r
      where r.friend_id = u.id and r.scenario_id = any(${sql.param(scenarioIds)}::uuid[]) offset 0) r`);
  return rows.map((row) => ({ friendId: row.friend_id, scenarioId: row.scenario_id, status: row.status }));
}

/** A restart: the friend's runs of the scenario in one of `inProgress` statuses are stopped. */
export async function stopRunsOf(tx: Tx, friendId: string, scenarioId: string, inProgress: RunStatus[], at: Date): Promise<void> {
  await tx.update(runs).set({ status: 'stopped', finishedAt: at })
    .where(and(eq(runs.friendId, friendId), eq(runs.scenarioId, scenarioId), inArray(runs.status, inProgress)));
}

/** A run's row after a step: its state (stored JSON text), status, node, wake time, step number and end. */
export interface RunStateWrite {
  id: string;
  state: string;
  status: string;
  currentNodeId: string | null;
  wakeAt: string | null;
  stepSeq: number;
  finishedAt: string | null;
}

/** One UPDATE for every run of a batch, from arrays (unnest keeps it one statement). */
export async function writeRunStates(tx: Tx, rows: readonly RunStateWrite[]): Promise<void> {
  if (rows.length === 0) return;
  // sql.param passes each array as one parameter (a bare array would be spread into a list).
  const column = columnsOf(rows);
  await tx.execute(sql`
      update ${runs} set
        state = v.state, status = v.status, current_node_id = v.node, wake_at = v.wake_at, step_seq = v.step_seq, finished_at = v.finished_at
      from (select * from unnest(
        ${uuidList(rows.map((r) => r.id))}::uuid[], ${jsonbList(rows.map((r) => r.state))}::jsonb[],
        ${column((r) => r.status)}::text[], ${column((r) => r.currentNodeId)}::text[],
        ${column((r) => r.wakeAt)}::timestamptz[], ${column((r) => r.stepSeq)}::int[],
        ${column((r) => r.finishedAt)}::timestamptz[]
      ) as t(id, state, status, node, wake_at, step_seq, finished_at)) as v
      where ${runs.id} = v.id`);
}

/**
 * The steps runs took, one row per path (db/schema/runs.ts): the runs of these steps that entered
 * the same nodes with the same visits and outputs, at the same moment with the same step number,
 * share a row and its one multi-row insert.
 */
export async function insertRunSteps(tx: Tx, steps: readonly RunStepWrite[]): Promise<void> {
  const paths = new Map<string, RunStepWrite & { runIds: string[] }>();
  for (const step of steps) {
    const key = JSON.stringify([step.workspaceId, step.scenarioId, step.enteredAt.getTime(), step.stepSeq, step.nodeIds, step.visits, step.outputs]);
    const path = paths.get(key);
    if (path) path.runIds.push(step.runId);
    else paths.set(key, { ...step, runIds: [step.runId] });
  }
  await bulkInsert(tx, 'run_steps', [
    { name: 'workspace_id', type: 'uuid', value: (r) => r.workspaceId },
    { name: 'scenario_id', type: 'uuid', value: (r) => r.scenarioId },
    { name: 'entered_at', type: 'timestamptz', value: (r) => r.enteredAt },
    { name: 'step_seq', type: 'int', value: (r) => r.stepSeq },
    { name: 'node_ids', type: 'text[]', value: (r) => r.nodeIds },
    { name: 'visits', type: 'int[]', value: (r) => r.visits },
    { name: 'outputs', type: 'text[]', value: (r) => r.outputs },
    { name: 'run_ids', type: 'uuid[]', value: (r) => r.runIds },
  ], [...paths.values()]);
}

/** A stop-scenario node: the friend's other runs of that scenario in progress stop (their wake-ups go stale). */
export async function stopScenarioRuns(tx: Tx, friendId: string, scenarioId: string, exceptRunId: string, at: Date): Promise<void> {
  await tx.update(runs).set({ status: 'stopped', finishedAt: at, stepSeq: sql`${runs.stepSeq} + 1` })
    .where(and(eq(runs.friendId, friendId), eq(runs.scenarioId, scenarioId), ne(runs.id, exceptRunId),
      inArray(runs.status, ['running', 'waiting', 'held'])));
}
