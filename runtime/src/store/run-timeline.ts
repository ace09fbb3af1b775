import { and, eq } from 'drizzle-orm';
import { runSteps } from '../db/schema/index.ts';
import { anyUuid } from './any-of.ts';
import type { Tx } from './tx.ts';

type RunEntry =
  | { kind: 'run_started'; detail: { scenarioId: string; runId: string; triggerNodeId: string }; at: Date }
  | { kind: 'run_finished'; detail: { scenarioId: string; runId: string }; at: Date };

/** What a run row says about its start and finish. */
interface RunTimes { id: string; scenarioId: string; status: string; startedAt: Date; finishedAt: Date | null }

/**
 * The friend's runs (rows already read) as timeline entries: each run's start (its trigger is the
 * first node of its first step) and, once it reached an end, its finish. The run row is the entry:
 * a cohort's step writes no timeline row per friend for either. A stop is still written as an
 * entry (`run_stopped`), since its reason lives nowhere else.
 */
export async function runTimelineOf(db: Tx, friendRuns: readonly RunTimes[]): Promise<RunEntry[]> {
  if (friendRuns.length === 0) return [];
  const firstSteps = await db.select({ runId: runSteps.runId, nodeIds: runSteps.nodeIds }).from(runSteps)
    .where(and(anyUuid(runSteps.runId, friendRuns.map((run) => run.id)), eq(runSteps.stepSeq, 1)));
  const triggerOf = new Map(firstSteps.map((step) => [step.runId, step.nodeIds[0] ?? '']));
  return friendRuns.flatMap((run): RunEntry[] => {
    const ids = { scenarioId: run.scenarioId, runId: run.id };
    const started: RunEntry = { kind: 'run_started', detail: { ...ids, triggerNodeId: triggerOf.get(run.id) ?? '' }, at: run.startedAt };
    return run.status === 'finished' && run.finishedAt ? [{ kind: 'run_finished', detail: ids, at: run.finishedAt }, started] : [started];
  });
}
