import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';

// The canvas statistics read node_counters, which a statement trigger on run_steps keeps (migrations
// 0016, 0021, 0037, 0040). Since 0037 it groups a statement's paths before unnesting them, and since
// 0040 a path names many runs; the counts must stay what unnesting every run's step gives: each node
// entered, per visit, per hour, and each output left by, once per run.

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** The definition, read from the steps themselves: every run of every path. */
const EXPECTED = `
  select s.scenario_id, e.node_id, m.metric, date_trunc('hour', s.entered_at) as hour, count(*)::int as n
  from run_steps s cross join lateral unnest(s.run_ids) as r(run_id) cross join lateral unnest(s.node_ids, s.outputs) as e(node_id, output)
    cross join lateral (values ('entered'), ('out:' || e.output)) as m(metric)
  where m.metric is not null and s.scenario_id = any($1::uuid[])
  group by 1, 2, 3, 4 order by 1, 2, 3, 4`;
const COUNTED = `
  select scenario_id, node_id, metric, hour, sum(n)::int as n from node_counters
  where scenario_id = any($1::uuid[]) group by 1, 2, 3, 4 order by 1, 2, 3, 4`;

test('counters from a statement of many steps equal the steps counted one by one, and add up across statements', async () => {
  const scenarios = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];
  const workspaces = ['00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000b2'];
  // Paths as the engine writes them: a cohort's identical ones, a loop visiting a node twice, a
  // run stopping to wait (null output), a branch's cases; steps on both sides of an hour; paths of
  // one run and of many (1 to 7), some identical in one statement.
  const insertSteps = (from: number) => database.pool.query(`
    insert into run_steps (workspace_id, run_ids, step_seq, scenario_id, entered_at, node_ids, visits, outputs)
    select ($3::uuid[])[1 + g % 2], array(select gen_random_uuid() from generate_series(0, g % 7) where g > 0), 1, ($1::uuid[])[1 + g % 2],
      '2026-11-01T09:59:59Z'::timestamptz + (g % 3) * interval '1 second',
      (array['{trigger,send,end}', '{trigger,loop,loop,wait}', '{branch,tag}', '{wait}'])[1 + g % 4]::text[],
      (array['{1,1,1}', '{1,1,2,1}', '{1,1}', '{2}'])[1 + g % 4]::int[],
      (array['{next,next,NULL}', '{next,again,next,NULL}', '{vip,next}', '{done}'])[1 + g % 4]::text[]
    from generate_series($2::int, $2::int + 999) g`, [scenarios, from, workspaces]);
  await insertSteps(1);
  expect((await database.pool.query(COUNTED, [scenarios])).rows).toEqual((await database.pool.query(EXPECTED, [scenarios])).rows);
  await insertSteps(5);
  const counted = (await database.pool.query(COUNTED, [scenarios])).rows;
  expect(counted).toEqual((await database.pool.query(EXPECTED, [scenarios])).rows);
  // Spot check, by hand: 2,000 paths of 1 to 7 runs, a quarter through the loop path, which enters
  // `loop` twice, each run of it.
  const loops = counted.filter((row) => row.node_id === 'loop' && row.metric === 'entered').reduce((sum, row) => sum + row.n, 0);
  const { rows: [{ runs }] } = await database.pool.query(`select sum(cardinality(run_ids))::int as runs from run_steps where 'loop' = any(node_ids)`);
  expect(runs).toBeGreaterThan(1_000);
  expect(loops).toBe(2 * runs);
});
