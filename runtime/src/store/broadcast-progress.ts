import { sql } from 'drizzle-orm';
import { broadcastOccurrences, broadcastRecipients, sends } from '../db/schema/index.ts';
import { batchesUnsettled } from './broadcast-batches.ts';
import type { Tx } from './tx.ts';

/** Ids of running occurrences, oldest first (the tick steps each). */
export async function runningOccurrenceIds(tx: Tx): Promise<string[]> {
  const { rows } = await tx.execute<{ id: string }>(sql`
    select id from ${broadcastOccurrences} where status = 'running' order by started_at limit 100`);
  return rows.map((row) => row.id);
}

/** Whether anything of the occurrence is left: recipients still pending, outbox rows queued or in flight (each 0 or 1). */
export async function settledOccurrence(tx: Tx, occurrenceId: string): Promise<{ pending: number; unsettled: number }> {
  const { rows } = await tx.execute<{ pending: number; unsettled: number }>(sql`
    select
      (select count(*) from (select 1 from ${broadcastRecipients} where occurrence_id = ${occurrenceId}::uuid and status = 'pending' limit 1) p)::int as pending,
      (select count(*) from (select 1 from ${sends} where run_id = ${occurrenceId}::uuid and scenario_id is null and status in ('queued', 'sending') limit 1) s)::int as unsettled`);
  const row = rows[0] ?? { pending: 0, unsettled: 0 };
  return { pending: row.pending, unsettled: row.unsettled || (await batchesUnsettled(tx, occurrenceId) ? 1 : 0) };
}
