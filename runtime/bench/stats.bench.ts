// npm run bench:stats [runs]   (or BENCH_STATS_RUNS=…; default 1,000,000 runs and 3 sends each)
// Per-node statistics of one scenario for a 30-day range, as the canvas asks for them
// (services/measure.ts nodeMeasures: hourly counters kept by triggers, waiting runs, clickers,
// conversions), beside a baseline measured in the same run on the same database: the same figures
// counted straight from run_steps (each run of a path), runs, sends, link_clicks and conversions. Both must agree.
// Target: under 200 ms at 1,000,000 runs and 3,000,000 sends.
import os from 'node:os';
import type pg from 'pg';
import { createDb } from '../src/db/pool.ts';
import { nodeMeasures } from '../src/services/measure.ts';
import { medianMs, withDatabase } from './support.ts';

const N = Number(process.argv[2] ?? process.env.BENCH_STATS_RUNS ?? 1_000_000);
const RUNS = 5;
const WS = '00000000-0000-4000-a000-0000000000b1';
const SCENARIO = '00000000-0000-4000-a000-0000000000b2';
const VERSION = '00000000-0000-4000-a000-0000000000b3';
const LINK = '00000000-0000-4000-a000-0000000000b4';
const GRAPH = {
  schemaVersion: 2,
  nodes: [
    { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
    { id: 's', type: 'randomSplit', position: { x: 0, y: 100 }, data: { branches: [{ id: 'a', label: 'A', weight: 50 }, { id: 'b', label: 'B', weight: 50 }] } },
    { id: 'sa', type: 'send', position: { x: 0, y: 200 }, data: { messages: [{ type: 'text', text: 'A' }] } },
    { id: 'sb', type: 'send', position: { x: 200, y: 200 }, data: { messages: [{ type: 'text', text: 'B' }] } },
    { id: 'w', type: 'wait', position: { x: 0, y: 300 }, data: { mode: 'elapsed', amount: 1, unit: 'days' } },
    { id: 's2', type: 'send', position: { x: 0, y: 400 }, data: { messages: [{ type: 'text', text: '2' }] } },
    { id: 's3', type: 'send', position: { x: 0, y: 500 }, data: { messages: [{ type: 'text', text: '3' }] } },
    { id: 'w2', type: 'wait', position: { x: 0, y: 600 }, data: { mode: 'elapsed', amount: 7, unit: 'days' } },
  ],
  edges: [
    { id: 'e1', source: 't', sourceHandle: 'next', target: 's' }, { id: 'e2', source: 's', sourceHandle: 'a', target: 'sa' },
    { id: 'e3', source: 's', sourceHandle: 'b', target: 'sb' }, { id: 'e4', source: 'sa', sourceHandle: 'next', target: 'w' },
    { id: 'e5', source: 'sb', sourceHandle: 'next', target: 'w' }, { id: 'e6', source: 'w', sourceHandle: 'next', target: 's2' },
    { id: 'e7', source: 's2', sourceHandle: 'next', target: 's3' }, { id: 'e8', source: 's3', sourceHandle: 'next', target: 'w2' },
  ],
};

/**
 * N friends, each with one run over the last 20 days: t, s (arm a or b), its send, w, s2, s3, w2:
 * 3 sends a run (1 % failed); 20 % still wait at w2, the rest finished. Steps and sends go through
 * the product's triggers (run_steps inserted, sends moved from sending to sent/failed) in chunks.
 */
async function seed(pool: pg.Pool) {
  const q = (text: string, params: unknown[] = []) => pool.query(text, params);
  await q(`insert into workspaces (workspace_id, name) values ($1, 'bench')`, [WS]);
  await q(`insert into channels (id, workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc) values ($1, $1, 'c', '1', 'x', 'x')`, [WS]);
  await q(`insert into scenarios (id, workspace_id, name, draft, current_version_id) values ($1, $2, 'bench', $3, $4)`, [SCENARIO, WS, JSON.stringify(GRAPH), VERSION]);
  await q(`insert into scenario_versions (id, workspace_id, scenario_id, version, graph, published_at) values ($1, $2, $3, 1, $4, now())`, [VERSION, WS, SCENARIO, JSON.stringify(GRAPH)]);
  const step = 50_000;
  for (let from = 0; from < N; from += step) {
    const to = Math.min(N, from + step);
    const p = [WS, SCENARIO, VERSION, from, to];
    await q(`insert into friends (id, workspace_id, channel_id, line_user_id, display_name, registered_at)
      select ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, $1, $1, 'U' || g, 'f' || g, now() - interval '30 days'
      from generate_series($2::int, $3::int - 1) g`, [WS, from, to]);
    await q(`insert into runs (id, workspace_id, friend_id, scenario_id, version_id, status, current_node_id, state, started_at)
      select ('00000000-0000-4000-9000-' || lpad(to_hex(g), 12, '0'))::uuid, $1, ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid, $2, $3,
        case when g % 5 = 0 then 'waiting' else 'finished' end, case when g % 5 = 0 then 'w2' else null end, '{}',
        now() - ((g % 20) || ' days')::interval - ((g % 86400) || ' seconds')::interval
      from generate_series($4::int, $5::int - 1) g`, p);
    // Two steps a run: trigger → split → send A/B → wait, then a day later send → send → wait.
    await q(`insert into run_steps (workspace_id, run_ids, step_seq, scenario_id, entered_at, node_ids, visits, outputs)
      select r.workspace_id, array[r.id], x.seq, r.scenario_id, r.started_at + x.offs, x.node_ids, array_fill(1, array[cardinality(x.node_ids)]), x.outputs
      from runs r cross join lateral (values
        (1, interval '0', array['t', 's', case when hashtext(r.id::text) % 2 = 0 then 'sa' else 'sb' end, 'w'],
          array['next', case when hashtext(r.id::text) % 2 = 0 then 'a' else 'b' end, 'next', null]),
        (2, interval '1 day', array['s2', 's3', 'w2'], array['next', 'next', null])) as x(seq, offs, node_ids, outputs)
      where r.scenario_id = $1 and r.id between ('00000000-0000-4000-9000-' || lpad(to_hex($2::int), 12, '0'))::uuid and ('00000000-0000-4000-9000-' || lpad(to_hex($3::int - 1), 12, '0'))::uuid
        `, [SCENARIO, from, to]);
    await q(`insert into sends (workspace_id, channel_id, friend_id, run_id, scenario_id, node_id, retry_key, messages, message_digest, status, due_at, attempts)
      select s.workspace_id, $1, r.friend_id, r.id, s.scenario_id, e.node_id, gen_random_uuid(), '[]', 'd', 'sending', s.entered_at, 1
      from run_steps s cross join lateral unnest(s.node_ids) as e(node_id) cross join lateral unnest(s.run_ids) as p(run_id) join runs r on r.id = p.run_id
      where s.scenario_id = $2 and e.node_id in ('sa', 'sb', 's2', 's3')
        and p.run_id between ('00000000-0000-4000-9000-' || lpad(to_hex($3::int), 12, '0'))::uuid and ('00000000-0000-4000-9000-' || lpad(to_hex($4::int - 1), 12, '0'))::uuid`,
    [WS, SCENARIO, from, to]);
    // Settled as the sender settles: one statement moves them to sent (1 % failed); the trigger counts each row once.
    await q(`update sends set status = case when hashtext(id::text) % 100 = 0 then 'failed' else 'sent' end,
        sent_at = case when hashtext(id::text) % 100 = 0 then null else due_at end
      where scenario_id = $1 and status = 'sending'`, [SCENARIO]);
  }
  // 5 % of sends clicked (first click per node and friend), 1 % of runs converted.
  await q(`insert into link_clicks (workspace_id, link_id, friend_id, send_id, at)
    select workspace_id, $2, friend_id, id, due_at + interval '1 hour' from sends where scenario_id = $1 and status = 'sent' and abs(hashtext(id::text)) % 20 = 0`, [SCENARIO, LINK]);
  await q(`insert into node_clickers (workspace_id, scenario_id, node_id, friend_id, at)
    select c.workspace_id, s.scenario_id, s.node_id, c.friend_id, min(c.at) from link_clicks c join sends s on s.id = c.send_id group by 1, 2, 3, 4
    on conflict do nothing`);
  await q(`insert into conversions (workspace_id, friend_id, name, value, source, scenario_id, node_id, attributed_via, at)
    select workspace_id, friend_id, '購入', 1000, 'api', scenario_id, node_id, 'click', at + interval '1 hour'
    from link_clicks c join lateral (select scenario_id, node_id from sends where id = c.send_id) s on true where abs(hashtext(c.id::text)) % 5 = 0`);
  await q('vacuum analyze');
}

/** The same figures counted straight from the rows (what a per-node count did before the counters). */
async function baseline(pool: pg.Pool, start: Date, end: Date) {
  const p = [SCENARIO, start, end];
  const [entered, waiting, sends, clicks, conversions] = await Promise.all([
    pool.query('select e.node_id, sum(cardinality(s.run_ids))::int as n from run_steps s, unnest(s.node_ids) as e(node_id) where scenario_id = $1 and entered_at >= $2 and entered_at < $3 group by e.node_id', p),
    pool.query("select current_node_id as node_id, count(*)::int as n from runs where scenario_id = $1 and status = 'waiting' group by current_node_id", [SCENARIO]),
    pool.query(`select node_id, count(*) filter (where status = 'sent')::int as sent, count(*) filter (where status = 'failed')::int as failed from sends
      where scenario_id = $1 and status in ('sent', 'failed') and coalesce(sent_at, due_at) >= $2 and coalesce(sent_at, due_at) < $3 group by node_id`, p),
    pool.query(`select s.node_id, count(distinct c.friend_id)::int as n from link_clicks c join sends s on s.id = c.send_id
      where s.scenario_id = $1 and c.at >= $2 and c.at < $3 group by s.node_id`, p),
    pool.query('select node_id, count(*)::int as n, sum(value) as v from conversions where scenario_id = $1 and at >= $2 and at < $3 group by node_id', p),
  ]);
  return { entered: entered.rows, waiting: waiting.rows, sends: sends.rows, clicks: clicks.rows, conversions: conversions.rows };
}

async function main() {
  await withDatabase(async ({ pool }) => {
    const db = createDb(pool);
    const seeded = performance.now();
    const existing = await pool.query<{ n: number }>('select count(*)::int as n from runs where scenario_id = $1', [SCENARIO]);
    if (existing.rows[0]!.n !== N) {
      await pool.query('delete from workspaces where workspace_id = $1', [WS]);
      await seed(pool);
    }
    const counts = (await pool.query<{ runs: number; sends: number; steps: number; counters: number }>(`select
      (select count(*)::int from runs where scenario_id = $1) as runs, (select count(*)::int from sends where scenario_id = $1) as sends,
      (select coalesce(sum(cardinality(node_ids) * cardinality(run_ids)), 0)::int from run_steps where scenario_id = $1) as steps, (select count(*)::int from node_counters where scenario_id = $1) as counters`, [SCENARIO])).rows[0]!;
    console.log(`seeded ${counts.runs} runs, ${counts.steps} steps, ${counts.sends} sends (${counts.counters} counter rows) in ${((performance.now() - seeded) / 1000).toFixed(1)} s; load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    const now = new Date();
    const scope = { workspaceId: WS, timeZone: 'Asia/Tokyo', now };
    let ours: Awaited<ReturnType<typeof nodeMeasures>> | undefined;
    let theirs: Awaited<ReturnType<typeof baseline>> | undefined;
    const measured = await medianMs(RUNS, async () => { ours = await nodeMeasures(db, scope, SCENARIO, {}); });
    const range = { start: new Date(`${ours!.from}T00:00:00+09:00`), end: new Date(Date.parse(`${ours!.to}T00:00:00+09:00`) + 86_400_000) };
    const counted = await medianMs(RUNS, async () => { theirs = await baseline(pool, range.start, range.end); });
    // Both must say the same.
    for (const row of theirs!.entered) if (ours!.nodes[row.node_id]?.entered !== row.n) throw new Error(`entered at ${row.node_id}: ${ours!.nodes[row.node_id]?.entered} vs ${row.n}`);
    for (const row of theirs!.sends) if (ours!.nodes[row.node_id]?.sent !== row.sent || ours!.nodes[row.node_id]?.failed !== row.failed) throw new Error(`sends at ${row.node_id} disagree`);
    for (const row of theirs!.waiting) if (ours!.nodes[row.node_id]?.waiting !== row.n) throw new Error(`waiting at ${row.node_id} disagree`);
    for (const row of theirs!.clicks) if (ours!.nodes[row.node_id]?.uniqueClicks !== row.n) throw new Error(`clicks at ${row.node_id}: ${ours!.nodes[row.node_id]?.uniqueClicks} vs ${row.n}`);
    console.log(`nodes: ${Object.entries(ours!.nodes).map(([id, m]) => `${id} entered ${m.entered} sent ${m.sent} waiting ${m.waiting}`).join('; ')}`);
    console.log(`load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
    console.log(`stats: per-node statistics of ${counts.runs} runs / ${counts.sends} sends in ${measured.toFixed(0)} ms (median of ${RUNS}); counted from the rows (baseline) ${counted.toFixed(0)} ms`);
  }, { keep: process.env.BENCH_DATA_DIR });
}

await main();
