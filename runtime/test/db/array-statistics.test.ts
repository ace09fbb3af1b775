import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// Member arrays that nothing filters on keep no statistics (migration 0038): ANALYZE used to read
// and summarise every element of them at each autoanalyze (400 cohort sends of 500 members:
// 112-132 ms an analyze before, 28-29 after; 500 queued chunks of 1,000 friends: 70-109 ms, 1 ms).
// cohort_sends.friend_ids keeps its statistics: a friend's sends are found by it.

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
