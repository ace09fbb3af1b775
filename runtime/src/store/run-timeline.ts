import { sql } from 'drizzle-orm';
import { runs, runSteps } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

type RunEntry =
  | { kind: 'run_started'; detail: { scenarioId: string; runId: string; triggerNodeId: string }; at: Date }
  | { kind: 'run_finished'; detail: { scenarioId: string; runId: string }; at: Date };

/**
 * The friend's runs as timeline entries, newest first: each run's start (its trigger is the first
 * node of its first step) and, once it reached an end, its finish. The run row is the entry: a
 * cohort's step writes no timeline row per friend for either. A stop is still written as an entry
 * (`run_stopped`), since its reason lives nowhere else.
 */
export async function runTimelineOf(db: Tx, friendId: string, limit: number): Promise<RunEntry[]> {
  const { rows } = await db.execute<{
    id: string; scenario_id: string; status: string; started_at: string | Date; finished_at: string | Date | null; trigger_node_id: string | null;
  }>(sql`
    select r.id, r.scenario_id, r.status, r.started_at, r.finished_at, s.node_ids[1] as trigger_node_id
    from ${runs} r left join ${runSteps} s on s.run_id = r.id and s.step_seq = 1
    where r.friend_id = ${friendId}::uuid
    order by greatest(r.started_at, r.finished_at) desc limit ${limit}`);
  return rows.flatMap((row): RunEntry[] => {
    const ids = { scenarioId: row.scenario_id, runId: row.id };
    const started: RunEntry = { kind: 'run_started', detail: { ...ids, triggerNodeId: row.trigger_node_id ?? '' }, at: new Date(row.started_at) };
    return row.status === 'finished' && row.finished_at
      ? [{ kind: 'run_finished', detail: ids, at: new Date(row.finished_at) }, started]
      : [started];
  });
}
