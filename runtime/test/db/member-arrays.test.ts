import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// The member arrays of cohort sends, queued enrolment chunks and batch members:
// - those that nothing filters on keep no statistics (migration 0038): ANALYZE used to read and
//   summarise every element of them at each autoanalyze (400 cohort sends of 500 members: 112-132 ms
//   an analyze before, 28-29 after; 500 queued chunks of 1,000 friends: 70-109 ms, 1 ms).
//   cohort_sends.friend_ids keeps its statistics: a friend's sends are found by it.
// - arrays of ids are stored uncompressed (migration 0039): random uuids never compress, and every
//   write tried to.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  // Written without their keys' checks: no workspace or channel is needed to be analysed.
  const members = (count: number, of: string) => `array(select ${of} from generate_series(1, ${count}) where b > 0)`;
  await database.pool.query(`
    begin;
    set local session_replication_role = replica;
    insert into cohort_sends (id, seq, workspace_id, channel_id, scenario_id, node_id, retry_key, messages, message_digest,
      due_at, status, attempts, retry_key_replayed, sent_at, friend_ids, run_ids, visits, retry_keys, send_ids)
    select gen_random_uuid(), b, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'send', gen_random_uuid(), '[]', 'd',
      now(), 'sent', 1, false, now(), ${members(500, 'gen_random_uuid()')}, ${members(500, 'gen_random_uuid()')},
      ${members(500, '1')}, ${members(500, 'gen_random_uuid()')}, ${members(500, 'gen_random_uuid()')}
    from generate_series(1, 400) b;
    insert into pending_enrolments (workspace_id, scenario_id, friend_ids, requested_at)
    select gen_random_uuid(), gen_random_uuid(), ${members(1000, 'gen_random_uuid()')}, now() from generate_series(1, 100) b;
    commit;`);
  await database.pool.query('analyze cohort_sends, pending_enrolments');
});
afterAll(() => database.drop());

test('analyze keeps statistics for the friends of a cohort send and none for its other arrays or a queued chunk', async () => {
  const { rows } = await database.pool.query<{ table: string; column: string }>(
    `select tablename as table, attname as column from pg_stats
     where (tablename = 'cohort_sends' and attname in ('friend_ids', 'run_ids', 'visits', 'retry_keys', 'send_ids'))
        or (tablename = 'pending_enrolments' and attname = 'friend_ids') order by 1, 2`);
  expect(rows).toEqual([{ table: 'cohort_sends', column: 'friend_ids' }]);
});

test('arrays of ids are stored out of line as they are (no compression tried), arrays of visits compressed', async () => {
  // Random uuids that were tried and failed to compress are stored uncompressed too: what the
  // migration changes is the storage each column asks for, so that is what is read.
  const { rows } = await database.pool.query<{ table: string; column: string; storage: string }>(
    `select c.relname as table, a.attname as column, a.attstorage as storage from pg_attribute a join pg_class c on c.oid = a.attrelid
     where c.relname in ('cohort_sends', 'cohort_batch_members', 'broadcast_batch_members', 'pending_enrolments')
       and a.attname in ('friend_ids', 'run_ids', 'visits', 'retry_keys', 'send_ids') order by 1, 2`);
  const external = 'e';
  const extended = 'x';
  const members = (table: string) => [
    { table, column: 'friend_ids', storage: external }, { table, column: 'retry_keys', storage: external },
    { table, column: 'run_ids', storage: external }, { table, column: 'send_ids', storage: external },
    { table, column: 'visits', storage: extended },
  ];
  expect(rows).toEqual([
    { table: 'broadcast_batch_members', column: 'friend_ids', storage: external },
    ...members('cohort_batch_members'), ...members('cohort_sends'),
    { table: 'pending_enrolments', column: 'friend_ids', storage: external },
  ]);
  const { rows: [visits] } = await database.pool.query<{ compression: string | null }>(
    'select pg_column_compression(visits) as compression from cohort_sends limit 1');
  expect(visits!.compression).toBe('pglz');
});
