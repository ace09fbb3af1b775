import { afterAll, beforeAll, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** Who the people are sits above workspaces (accounts), an organization's template library is shared by
 *  its workspaces (templates, template_versions: scoped by organization_id), and LINE's rate budget is per
 *  installation (cohort's line_rate_budget): these are the only tables without workspace_id. */
const ABOVE_WORKSPACES = [
  'organization_members', 'organizations', 'password_resets', 'sessions', 'users', 'mail_outbox', 'line_rate_budget', 'templates', 'template_versions',
];

test('every table carries workspace_id, but the accounts tables above workspaces', async () => {
  const { rows } = await database.pool.query<{ table_name: string; has_workspace: boolean }>(`
    select t.table_name,
           exists (select 1 from information_schema.columns c
                   where c.table_schema = 'public' and c.table_name = t.table_name
                     and c.column_name = 'workspace_id') as has_workspace
    from information_schema.tables t
    where t.table_schema = 'public' and t.table_type = 'BASE TABLE'`);
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.filter((row) => !row.has_workspace).map((row) => row.table_name).sort()).toEqual([...ABOVE_WORKSPACES].sort());
});

test('0006 drops the status copy from runs.state and keeps the column as the one status', async () => {
  const migration = readFileSync(new URL('../../drizzle/0006_layers_run_status_once.sql', import.meta.url), 'utf8');
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    // A row as an earlier release wrote it; the foreign keys are not what this checks.
    await client.query("set local session_replication_role = replica");
    const state = { currentNodeId: 'w', status: 'waiting', wakeAt: null, visits: { t: 1, w: 1 }, seed: 5, waitingFor: null };
    const { rows: [run] } = await client.query<{ id: string }>(
      `insert into runs (workspace_id, friend_id, scenario_id, version_id, status, state, started_at)
       values (gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'held', $1, now()) returning id`, [state]);
    await client.query(migration);
    const { rows: [after] } = await client.query<{ status: string; state: Record<string, unknown> }>('select status, state from runs where id = $1', [run!.id]);
    expect(after!.status).toBe('held');
    const { status: _, ...rest } = state;
    expect(after!.state).toEqual(rest);
  } finally {
    await client.query('rollback');
    client.release();
  }
});
