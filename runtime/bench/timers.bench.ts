// npm run bench:timers   (N=1000000 pending by default, RATE=2000 due/s, SECONDS=30 of due runs)
// Timer lateness: N runs wait at a wait node; for SECONDS seconds, RATE of them fall due each
// second (spread evenly), the rest wait for tomorrow. The real workers (the wake tick) step them
// to the end; lateness = when the run finished - when it fell due.
// Baseline, same run and database: raw pg-boss delayed jobs (empty handlers) at the same rate, the
// mechanism that used to carry every wake-up, with only those jobs queued.
// Last line: `timers: p99 X ms with N pending at R due/s`.
import { PgBoss } from 'pg-boss';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { insertFriends, loadavg, ownerApi, seconds, withDatabase } from './support.ts';

const N = Number(process.env.N ?? 1_000_000);
const RATE = Number(process.env.RATE ?? 2_000);
const SECONDS = Number(process.env.SECONDS ?? 30);
const DUE = Math.min(N, RATE * SECONDS);
const say = (line: string) => process.stdout.write(`${line}\n`);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const describe = (sorted: number[]) => `p50 ${percentile(sorted, 50).toFixed(0)} ms, p99 ${percentile(sorted, 99).toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`;

await withDatabase(async ({ url, pool, dataDir }) => {
  say(`timers bench: N=${N} pending, ${RATE} due/s for ${SECONDS} s (${DUE} due), load ${loadavg()}`);
  const baseline = await pgBossLateness(url);
  say(`baseline (raw pg-boss delayed jobs, ${baseline.length} at ${RATE}/s, nothing else queued): ${describe(baseline)}`);

  const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: 'bench-secret-key-bench-secret-key-000', LOG_LEVEL: 'warn' });
  // The set-up runs without workers; the measured app starts them once the runs are in place.
  const setup = await buildApp({ config, pool, databaseUrl: url, workers: false });
  const api = await ownerApi(setup);
  const workspace = await api('POST', '/api/workspaces', { name: 'bench' });
  const ws = `/api/workspaces/${workspace.id}`;
  const scenario = await api('POST', `${ws}/scenarios`, { name: 'timers', graph: timerGraph() });
  await api('POST', `${ws}/scenarios/${scenario.id}/publish`);
  const [channel] = (await pool.query<{ id: string }>('select id from channels where workspace_id = $1', [workspace.id])).rows;
  const started = performance.now();
  await insertFriends(pool, workspace.id, channel!.id, N);
  // One run through the real path, parked at the wait: the template for the others.
  const [first] = (await pool.query<{ id: string }>('select id from friends where workspace_id = $1 limit 1', [workspace.id])).rows;
  await api('POST', `${ws}/scenarios/${scenario.id}/enrol`, { friendIds: [first!.id] });
  await setup.close();
  const worker = await buildApp({ config, pool, databaseUrl: url, tuning: { batchSize: 20, pollingIntervalSeconds: 0.5, localConcurrency: 2, ticks: { wakeChunk: 2_000 } } });
  await waitUntil(async () => (await pool.query("select 1 from runs where status = 'waiting'")).rowCount === 1);
  await worker.close();
  const [template] = (await pool.query<{ id: string }>("select id from runs where status = 'waiting'")).rows;

  // Written with tomorrow's wake time; once all are in place, the first DUE of them are moved to
  // fall due from T0 on, RATE a second (the state's own wakeAt does not matter to a wake).
  await pool.query('create table bench_due (run_id uuid primary key, offset_ms float8 not null, due_at timestamptz)');
  await pool.query(
    `with f as (select id, row_number() over () - 1 as i from friends where workspace_id = $1 and id <> $2),
     t as (select * from runs where id = $3),
     inserted as (
       insert into runs (workspace_id, friend_id, scenario_id, version_id, status, current_node_id, wake_at, state, step_seq, started_at)
       select t.workspace_id, f.id, t.scenario_id, t.version_id, 'waiting', t.current_node_id,
              now() + interval '1 day' + (f.i % 3600) * interval '1 second', t.state, t.step_seq, t.started_at
       from f cross join t returning id)
     insert into bench_due (run_id, offset_ms)
     select id, (row_number() over () - 1) * 1000.0 / $5 from inserted limit $4`,
    [workspace.id, first!.id, template!.id, DUE - 1, RATE]);
  const t0 = Date.now() + 20_000; // after the app below has started
  await pool.query(`update bench_due set due_at = to_timestamp(($1::float8 + offset_ms) / 1000)`, [t0]);
  await pool.query('update runs r set wake_at = d.due_at from bench_due d where r.id = d.run_id');
  await pool.query('delete from runs where id = $1', [template!.id]);
  await pool.query('analyze runs');
  const { rows: [pending] } = await pool.query<{ n: number }>("select count(*)::int as n from runs where status = 'waiting'");
  say(`set-up: ${pending!.n} runs waiting, written in ${seconds(performance.now() - started)} s; the first falls due in ${seconds(t0 - Date.now())} s`);

  const app = await buildApp({ config, pool, databaseUrl: url });
  await app.ready();
  await waitUntil(async () => (await pool.query<{ n: number }>("select count(*)::int as n from bench_due d join runs r on r.id = d.run_id where r.status = 'finished'")).rows[0]!.n >= DUE - 1,
    t0 + SECONDS * 1000 + 300_000);
  await app.close();
  const { rows } = await pool.query<{ ms: number }>(
    `select extract(epoch from (r.finished_at - d.due_at)) * 1000 as ms from bench_due d join runs r on r.id = d.run_id where r.status = 'finished'`);
  const late = rows.map((row) => Number(row.ms)).sort((a, b) => a - b);
  say(`runtime (wake tick): ${late.length} of ${DUE - 1} due runs woken; lateness ${describe(late)}`);
  say(`load after: ${loadavg()}`);
  say(`timers: p99 ${percentile(late, 99).toFixed(0)} ms with ${pending!.n} pending at ${RATE} due/s`);
});
process.exit(0);

async function waitUntil(done: () => Promise<boolean>, deadline = Date.now() + 600_000): Promise<void> {
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('not done by the deadline');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Raw pg-boss: RATE delayed jobs a second for 10 s, empty handlers; lateness = handled - startAfter. */
async function pgBossLateness(url: string): Promise<number[]> {
  const boss = new PgBoss({ connectionString: url, schedule: false, useListenNotify: true });
  await boss.start();
  await boss.createQueue('bench-timer', { notify: true });
  const count = RATE * Math.min(SECONDS, 10);
  const t0 = Date.now() + 5_000;
  for (let i = 0; i < count; i += 1_000) {
    await boss.insert('bench-timer', Array.from({ length: Math.min(1_000, count - i) }, (_, j) => {
      const at = t0 + ((i + j) * 1000) / RATE;
      return { data: { at }, startAfter: new Date(at) };
    }));
  }
  const late: number[] = [];
  await new Promise<void>((resolve) => {
    void boss.work<{ at: number }>('bench-timer', { batchSize: 20, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5, localConcurrency: 2 }, async (jobs) => {
      const now = Date.now();
      for (const job of jobs) late.push(now - job.data.at);
      if (late.length >= count) resolve();
    });
  });
  await boss.stop({ graceful: false });
  return late.sort((a, b) => a - b);
}

function timerGraph(): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } },
      { id: 'wait', type: 'wait', position: { x: 0, y: 100 }, data: { mode: 'elapsed', amount: 1, unit: 'days' } },
      { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'end' },
    ],
  };
}
