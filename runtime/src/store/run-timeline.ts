import { sql } from 'drizzle-orm';
import { runSteps } from '../db/schema/index.ts';
import { columnsOf } from './any-of.ts';
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
  // A run's first step is written with the run, in the same call: its path is found among the
  // scenario's first steps of that moment (an hour either side keeps the search to the index's few
  // rows whatever a clock did), then by the run's id in it.
  const column = columnsOf(friendRuns);
  const { rows: firstSteps } = await db.execute<{ run_id: string; trigger_node_id: string | null }>(sql`
    select r.id as run_id, s.node_ids[1] as trigger_node_id
    from unnest(${column((run) => run.id)}::uuid[], ${column((run) => run.scenarioId)}::uuid[], ${column((run) => run.startedAt.toISOString())}::timestamptz[])
      as r(id, scenario_id, started_at)
    cross join lateral (select s.node_ids from ${runSteps} s
      where s.scenario_id = r.scenario_id and s.entered_at between r.started_at - interval '1 hour' and r.started_at + interval '1 hour'
        and s.step_seq = 1 and s.run_ids @> array[r.id] limit 1) s`);
  const triggerOf = new Map(firstSteps.map((step) => [step.run_id, step.trigger_node_id ?? '']));
  return friendRuns.flatMap((run): RunEntry[] => {
    const ids = { scenarioId: run.scenarioId, runId: run.id };
    const started: RunEntry = { kind: 'run_started', detail: { ...ids, triggerNodeId: triggerOf.get(run.id) ?? '' }, at: run.startedAt };
    return run.status === 'finished' && run.finishedAt ? [{ kind: 'run_finished', detail: ids, at: run.finishedAt }, started] : [started];
  });
}
