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

test('0021 folds the per-node step rows of earlier releases into one row per step, and deleted runs take their steps along', async () => {
  const migration = readFileSync(new URL('../../drizzle/0021_run_steps_per_step.sql', import.meta.url), 'utf8');
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica'); // rows without their parents; keys are not what this checks
    // The tables as 0020 left them.
    await client.query(`
      drop table run_steps;
      create table run_steps (id uuid primary key default gen_random_uuid(), workspace_id uuid not null, run_id uuid not null, scenario_id uuid not null,
        node_id text not null, visit integer not null, entered_at timestamptz not null, output text);
      create trigger run_steps_node_counters after insert on run_steps referencing new table as steps_new for each statement execute function node_counters_from_steps();
      alter table timeline_entries add constraint timeline_entries_workspace_id_workspaces_workspace_id_fk foreign key (workspace_id) references workspaces(workspace_id);
      alter table runs add constraint runs_workspace_id_workspaces_workspace_id_fk foreign key (workspace_id) references workspaces(workspace_id)`);
    const ws = '00000000-0000-4000-8000-000000000001';
    const scenario = '00000000-0000-4000-8000-000000000002';
    const run = '00000000-0000-4000-8000-000000000003';
    await client.query(`
      insert into run_steps (workspace_id, run_id, scenario_id, node_id, visit, entered_at, output) values
        ($1, $3, $2, 'trigger', 1, '2026-11-01T01:00:00Z', 'next'), ($1, $3, $2, 'split', 1, '2026-11-01T01:00:00Z', 'b'),
        ($1, $3, $2, 'wait', 1, '2026-11-01T01:00:00Z', null), ($1, $3, $2, 'wait', 1, '2026-11-02T01:00:00Z', 'done'),
        ($1, $3, $2, 'send', 1, '2026-11-02T01:00:00Z', 'next')`, [ws, scenario, run]);
    await client.query(migration);
    const { rows } = await client.query('select step_seq, entered_at, node_ids, visits, outputs from run_steps where run_id = $1 order by step_seq', [run]);
    expect(rows).toEqual([
      { step_seq: 1, entered_at: new Date('2026-11-01T01:00:00Z'), node_ids: ['split', 'trigger', 'wait'], visits: [1, 1, 1], outputs: ['b', 'next', null] },
      { step_seq: 2, entered_at: new Date('2026-11-02T01:00:00Z'), node_ids: ['send', 'wait'], visits: [1, 1], outputs: ['next', 'done'] },
    ]);
    const keys = await client.query(`select conname from pg_constraint where conname in
      ('timeline_entries_workspace_id_workspaces_workspace_id_fk', 'runs_workspace_id_workspaces_workspace_id_fk')`);
    expect(keys.rows).toEqual([]);

    // A step written now is counted per node entered and per output, as the per-node rows were
    // (triggers fire again: replica mode silenced them).
    await client.query('set local session_replication_role = origin');
    const before = await client.query("select metric, node_id, sum(n)::int as n from node_counters where scenario_id = $1 group by 1, 2", [scenario]);
    expect(before.rows).toEqual([]); // the folded rows were counted when they were written, not again
    await client.query(`insert into run_steps (workspace_id, run_id, step_seq, scenario_id, entered_at, node_ids, visits, outputs)
      values ($1, $3, 3, $2, now(), '{send,end}', '{2,1}', '{next,NULL}')`, [ws, scenario, run]);
    const counted = await client.query("select node_id, metric, sum(n)::int as n from node_counters where scenario_id = $1 group by 1, 2 order by 1, 2", [scenario]);
    expect(counted.rows).toEqual([
      { node_id: 'end', metric: 'entered', n: 1 }, { node_id: 'send', metric: 'entered', n: 1 }, { node_id: 'send', metric: 'out:next', n: 1 },
    ]);

    await client.query('set local session_replication_role = replica');
    await client.query(`insert into runs (id, workspace_id, friend_id, scenario_id, version_id, status, state, started_at)
      values ($1, $2, gen_random_uuid(), $3, gen_random_uuid(), 'finished', '{}', now())`, [run, ws, scenario]);
    await client.query('set local session_replication_role = origin');
    await client.query('delete from runs where id = $1', [run]);
    expect((await client.query('select count(*)::int as n from run_steps where run_id = $1', [run])).rows[0].n).toBe(0);
  } finally {
    await client.query('rollback');
    client.release();
  }
});

test('0040 makes each step row of earlier releases a path of its one run, and counts a path once per run', async () => {
  const migration = readFileSync(new URL('../../drizzle/0040_run_steps_per_path.sql', import.meta.url), 'utf8');
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    // The table and its delete trigger as 0039 left them.
    await client.query(`
      drop table run_steps;
      create table run_steps (workspace_id uuid not null, run_id uuid not null, step_seq integer not null, scenario_id uuid not null,
        entered_at timestamptz not null, node_ids text[] not null, visits integer[] not null, outputs text[] not null,
        constraint run_steps_run_id_step_seq_pk primary key (run_id, step_seq));
      create trigger run_steps_node_counters after insert on run_steps referencing new table as steps_new for each statement execute function node_counters_from_steps();
      create function run_steps_follow_runs() returns trigger language plpgsql as $$ begin delete from run_steps s using runs_old o where s.run_id = o.id; return null; end $$;
      create trigger runs_delete_steps after delete on runs referencing old table as runs_old for each statement execute function run_steps_follow_runs()`);
    await client.query(readFileSync(new URL('../../drizzle/0037_node_counters_by_path.sql', import.meta.url), 'utf8')); // counting rows, as before 0040
    const ws = '00000000-0000-4000-8000-000000000001';
    const scenario = '00000000-0000-4000-8000-000000000002';
    const [first, second] = ['00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000004'];
    await client.query(`insert into run_steps (workspace_id, run_id, step_seq, scenario_id, entered_at, node_ids, visits, outputs) values
      ($1, $3, 1, $2, '2026-11-01T01:00:00Z', '{trigger,wait}', '{1,1}', '{next,NULL}'), ($1, $4, 1, $2, '2026-11-01T01:00:00Z', '{trigger,wait}', '{1,1}', '{next,NULL}'),
      ($1, $3, 2, $2, '2026-11-02T01:00:00Z', '{wait,end}', '{1,1}', '{done,NULL}')`, [ws, scenario, first, second]);
    await client.query('delete from node_counters where scenario_id = $1', [scenario]);
    await client.query(migration);
    const { rows } = await client.query('select step_seq, entered_at, node_ids, run_ids from run_steps where scenario_id = $1 order by step_seq, run_ids', [scenario]);
    expect(rows).toEqual([
      { step_seq: 1, entered_at: new Date('2026-11-01T01:00:00Z'), node_ids: ['trigger', 'wait'], run_ids: [first] },
      { step_seq: 1, entered_at: new Date('2026-11-01T01:00:00Z'), node_ids: ['trigger', 'wait'], run_ids: [second] },
      { step_seq: 2, entered_at: new Date('2026-11-02T01:00:00Z'), node_ids: ['wait', 'end'], run_ids: [first] },
    ]);
    // A path of three runs is counted three times per node it entered and output it left by.
    await client.query(`insert into run_steps (workspace_id, run_ids, step_seq, scenario_id, entered_at, node_ids, visits, outputs)
      values ($1, array[gen_random_uuid(), gen_random_uuid(), gen_random_uuid()], 1, $2, now(), '{trigger,send}', '{1,1}', '{next,next}')`, [ws, scenario]);
    const counted = await client.query('select node_id, metric, sum(n)::int as n from node_counters where scenario_id = $1 group by 1, 2 order by 1, 2', [scenario]);
    expect(counted.rows).toEqual([
      { node_id: 'send', metric: 'entered', n: 3 }, { node_id: 'send', metric: 'out:next', n: 3 },
      { node_id: 'trigger', metric: 'entered', n: 3 }, { node_id: 'trigger', metric: 'out:next', n: 3 },
    ]);
    const triggers = await client.query("select tgname from pg_trigger where tgrelid = 'runs'::regclass and tgname = 'runs_delete_steps'");
    expect(triggers.rows).toEqual([]);
  } finally {
    await client.query('rollback');
    client.release();
  }
});

test('0026 numbers the timeline in write order: earlier entries by time, new ones after them', async () => {
  const migration = readFileSync(new URL('../../drizzle/0026_timeline_in_write_order.sql', import.meta.url), 'utf8');
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    // The table as 0025 left it, with entries written out of time order.
    await client.query(`
      drop table timeline_entries;
      create table timeline_entries (id uuid primary key default gen_random_uuid() not null, workspace_id uuid not null, friend_id uuid not null,
        kind text not null, detail jsonb default '{}'::jsonb not null, at timestamp with time zone not null);
      create index timeline_friend_at on timeline_entries (friend_id, at);
      insert into timeline_entries (workspace_id, friend_id, kind, at) values
        (gen_random_uuid(), gen_random_uuid(), 'third', '2026-01-03'), (gen_random_uuid(), gen_random_uuid(), 'first', '2026-01-01'),
        (gen_random_uuid(), gen_random_uuid(), 'second', '2026-01-02')`);
    await client.query(migration);
    await client.query(`insert into timeline_entries (workspace_id, friend_id, kind, at) values (gen_random_uuid(), gen_random_uuid(), 'new', '2025-12-31')`);
    const { rows } = await client.query('select id::int, kind from timeline_entries order by id');
    expect(rows).toEqual([{ id: 1, kind: 'first' }, { id: 2, kind: 'second' }, { id: 3, kind: 'third' }, { id: 4, kind: 'new' }]);
  } finally {
    await client.query('rollback');
    client.release();
  }
});

test('0028 moves the sends\' timeline entries onto their rows (a failure\'s time, a replayed key) and drops the runs\' starts and finishes; stops and the rest stay', async () => {
  const migration = readFileSync(new URL('../../drizzle/0028_rows_are_their_timeline.sql', import.meta.url), 'utf8');
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    // The outbox as 0027 left it: no failure time, no replay flag, the batch key indexed.
    await client.query(`
      alter table sends drop column failed_at, drop column retry_key_replayed;
      create index sends_batch_key on sends (batch_key);
      create temp table ids as select gen_random_uuid() as ws, gen_random_uuid() as friend,
        gen_random_uuid() as sent, gen_random_uuid() as replayed, gen_random_uuid() as failed, gen_random_uuid() as unnoted`);
    const { rows: [ids] } = await client.query<{ ws: string; friend: string; sent: string; replayed: string; failed: string; unnoted: string }>('select * from ids');
    // Rows with no friend or channel behind them: the keys' triggers are off in this transaction.
    await client.query('set local session_replication_role = replica');
    await client.query(`
      insert into sends (id, workspace_id, channel_id, friend_id, retry_key, messages, message_digest, status, due_at, sent_at, error)
      select v.id, i.ws, i.ws, i.friend, gen_random_uuid(), '[]', 'd', v.status, '2026-01-01', v.sent_at, v.error
      from ids i, lateral (values (i.sent, 'sent', '2026-01-02'::timestamptz, null::jsonb), (i.replayed, 'sent', '2026-01-03', null),
        (i.failed, 'failed', null, '{"status":400,"reason":"bad"}'), (i.unnoted, 'failed', null, '{"status":500,"reason":"gone"}')) as v(id, status, sent_at, error)`);
    await client.query(`
      insert into timeline_entries (workspace_id, friend_id, kind, detail, at) values
        ($1, $2, 'message_sent', jsonb_build_object('sendId', $3::text), '2026-01-02'),
        ($1, $2, 'message_sent', jsonb_build_object('sendId', $4::text, 'retryKeyReplayed', true), '2026-01-03'),
        ($1, $2, 'send_failed', jsonb_build_object('sendId', $5::text, 'status', 400, 'reason', 'bad'), '2026-01-04'),
        ($1, $2, 'run_started', '{}', '2026-01-01'), ($1, $2, 'run_finished', '{}', '2026-01-01'), ($1, $2, 'run_stopped', '{}', '2026-01-01'),
        ($1, $2, 'followed', '{}', '2026-01-01')`, [ids!.ws, ids!.friend, ids!.sent, ids!.replayed, ids!.failed]);
    await client.query(migration);
    const { rows } = await client.query(`select id, failed_at, retry_key_replayed from sends where id = any($1::uuid[]) order by due_at, id`,
      [[ids!.sent, ids!.replayed, ids!.failed, ids!.unnoted]]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids!.sent)).toMatchObject({ failed_at: null, retry_key_replayed: false });
    expect(byId.get(ids!.replayed)).toMatchObject({ failed_at: null, retry_key_replayed: true });
    expect(byId.get(ids!.failed)).toMatchObject({ failed_at: new Date('2026-01-04'), retry_key_replayed: false });
    // No entry to date it: when it was due.
    expect(byId.get(ids!.unnoted)).toMatchObject({ failed_at: new Date('2026-01-01'), retry_key_replayed: false });
    const { rows: left } = await client.query('select kind from timeline_entries where friend_id = $1 order by kind', [ids!.friend]);
    expect(left).toEqual([{ kind: 'followed' }, { kind: 'run_stopped' }]);
    const { rows: indexes } = await client.query("select indexname from pg_indexes where tablename = 'sends' and indexname = 'sends_batch_key'");
    expect(indexes).toEqual([]);
  } finally {
    await client.query('rollback');
    client.release();
  }
});

test('0036 turns the queue\'s row per friend into chunks of 1,000 per scenario, in queue order', async () => {
  const migration = readFileSync(new URL('../../drizzle/0036_enrolments_in_chunks.sql', import.meta.url), 'utf8');
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    // The queue as 0035 left it: a row per friend, one per friend and scenario.
    await client.query(`
      drop table pending_enrolments;
      create table pending_enrolments (seq bigint primary key generated always as identity, workspace_id uuid not null,
        friend_id uuid not null, scenario_id uuid not null, requested_at timestamptz not null);
      create unique index pending_enrolments_pair on pending_enrolments (friend_id, scenario_id);
      create temp table ids as select gen_random_uuid() as ws, gen_random_uuid() as big, gen_random_uuid() as small`);
    const { rows: [ids] } = await client.query<{ ws: string; big: string; small: string }>('select * from ids');
    // 2,500 friends queued for one scenario, with three for another queued among them.
    await client.query(`
      insert into pending_enrolments (workspace_id, friend_id, scenario_id, requested_at)
      select i.ws, gen_random_uuid(), case when g in (10, 1500, 2503) then i.small else i.big end, '2026-01-01'::timestamptz + g * interval '1 ms'
      from ids i, generate_series(1, 2503) g order by g`);
    const { rows: before } = await client.query<{ friend_id: string; scenario_id: string }>('select friend_id, scenario_id from pending_enrolments order by seq');
    await client.query(migration);
    const { rows: chunks } = await client.query<{ scenario_id: string; friend_ids: string[]; requested_at: Date }>(
      'select scenario_id, friend_ids, requested_at from pending_enrolments order by seq');
    expect(chunks.map((chunk) => [chunk.scenario_id, chunk.friend_ids.length])).toEqual([
      [ids!.big, 1000], [ids!.small, 3], [ids!.big, 1000], [ids!.big, 500],
    ]);
    for (const scenario of [ids!.big, ids!.small]) {
      expect(chunks.filter((chunk) => chunk.scenario_id === scenario).flatMap((chunk) => chunk.friend_ids))
        .toEqual(before.filter((row) => row.scenario_id === scenario).map((row) => row.friend_id));
    }
    expect(chunks[0]!.requested_at.toISOString()).toBe('2026-01-01T00:00:00.001Z');
  } finally {
    await client.query('rollback');
    client.release();
  }
});

test('0041 gives pending cohort batches their recipients (cutting friends deleted meanwhile), and notes who blocked before it', async () => {
  const migration = readFileSync(new URL('../../drizzle/0041_cohort_recipients_carried.sql', import.meta.url), 'utf8');
  const client = await database.pool.connect();
  try {
    await client.query('begin');
    // The tables as 0040 left them.
    await client.query(`
      drop trigger friends_delete_cohort_members on friends; drop function cohort_batches_follow_friends();
      drop trigger friends_block_noted on friends; drop trigger friends_block_noted_on_insert on friends; drop function friends_note_block();
      drop index friends_blocked_since;
      alter table friends drop column blocked_xid;
      alter table cohort_batch_members drop column line_user_ids;
      alter table cohort_batches drop column friends_read_xmin`);
    const { rows: [ids] } = await client.query<{ ws: string; channel: string }>(`
      with w as (insert into workspaces (name) values ('0041') returning workspace_id),
      c as (insert into channels (workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc)
            select workspace_id, 'c', '1', 's', 't' from w returning id, workspace_id)
      select workspace_id as ws, id as channel from c`);
    const friend = (n: number) => `00000000-0000-4000-8000-00000000010${n}`;
    await client.query(`insert into friends (id, workspace_id, channel_id, line_user_id, registered_at, status)
      select f.id, $1, $2, 'U' || f.n, now(), case when f.n = 3 then 'blocked' else 'active' end
      from (values ($3::uuid, 1), ($4::uuid, 2), ($5::uuid, 3)) f(id, n)`, [ids!.ws, ids!.channel, friend(1), friend(2), friend(3)]);
    // Two pending batches: one of friends 1, 2 and 3, and one of friend 2 alone; then friend 2 is deleted.
    const batch = (n: number) => `00000000-0000-4000-8000-00000000020${n}`;
    await client.query(`insert into cohort_batches (id, workspace_id, channel_id, scenario_id, node_id, retry_key, messages, message_digest, due_at)
      select b.id, $1, $2, gen_random_uuid(), 'send', gen_random_uuid(), '[]', 'd', now() from unnest($3::uuid[]) b(id)`,
    [ids!.ws, ids!.channel, [batch(1), batch(2)]]);
    await client.query(`insert into cohort_batch_members (batch_id, workspace_id, friend_ids, run_ids, visits, retry_keys, send_ids) values
      ($1, $3, $4::uuid[], $4::uuid[], '{1,2,3}', $4::uuid[], $4::uuid[]), ($2, $3, array[$5::uuid], array[$5::uuid], '{1}', array[$5::uuid], array[$5::uuid])`,
    [batch(1), batch(2), ids!.ws, [friend(1), friend(2), friend(3)], friend(2)]);
    await client.query('delete from friends where id = $1', [friend(2)]);
    await client.query(migration);
    const { rows: members } = await client.query('select batch_id, friend_ids, line_user_ids, visits from cohort_batch_members order by batch_id');
    expect(members).toEqual([{ batch_id: batch(1), friend_ids: [friend(1), friend(3)], line_user_ids: ['U1', 'U3'], visits: [1, 3] }]);
    expect((await client.query('select id from cohort_batches')).rows).toEqual([{ id: batch(1) }]);
    // The friend blocked before it counts as blocked by it, so the old batch's claim (from the first transaction) finds them.
    const { rows: blocked } = await client.query(`select f.id from cohort_batches b, friends f
      where f.status = 'blocked' and f.blocked_xid >= b.friends_read_xmin`);
    expect(blocked).toEqual([{ id: friend(3) }]);
  } finally {
    await client.query('rollback');
    client.release();
  }
});
