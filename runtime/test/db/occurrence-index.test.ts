import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Migration 0029: the outbox's index by run covers broadcast occurrences' rows only (run_id = the
// occurrence, no scenario). A cohort's send rows, each written three times, no longer keep it, and
// the broadcast queries say `scenario_id is null` so PostgreSQL can use it.

let database: TestDatabase;
beforeAll(async () => { database = await createTestDatabase(); });
afterAll(() => database.drop());

test('the index by run is partial, for rows without a scenario, and a query for an occurrence\'s rows can use it', async () => {
  const { rows: indexes } = await database.pool.query<{ indexname: string; indexdef: string }>(
    "select indexname, indexdef from pg_indexes where tablename = 'sends' and indexname in ('sends_run_seq', 'sends_occurrence_seq')");
  expect(indexes.map((index) => index.indexname)).toEqual(['sends_occurrence_seq']);
  expect(indexes[0]!.indexdef).toMatch(/\(run_id, seq\) WHERE \(scenario_id IS NULL\)/);

  const client = await database.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local enable_seqscan = off');
    const plan = async (where: string) => (await client.query<{ 'QUERY PLAN': string }>(
      `explain select 1 from sends where run_id = '0190a4a0-0000-7000-8000-000000000000'::uuid and ${where} limit 1`)).rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(await plan("scenario_id is null and status = 'failed'")).toContain('sends_occurrence_seq');
    // Without the clause the partial index does not apply: the broadcast queries must say it.
    expect(await plan("status = 'failed'")).not.toContain('sends_occurrence_seq');
  } finally {
    await client.query('rollback');
    client.release();
  }
});
