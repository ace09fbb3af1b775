// npm run bench:engine [friends]
// Enrols N friends into a fixture scenario through the real workers and prints friend-steps per
// second next to raw pg-boss job throughput measured in the same run on the same database, so the
// ratio (last line) holds on a noisy machine. Target: ratio >= 2 (friends enrolled as a set, stepped
// in chunks, no job per friend).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PgBoss } from 'pg-boss';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { buildApp } from '../src/app.ts';
import { DEFAULT_TUNING } from '../src/jobs/work.ts';
import { loadConfig } from '../src/config.ts';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { freePort } from '../test/support/free-port.ts';
import { sampleActivity } from './activity-sampler.ts';
import { insertFriends, ownerApi } from './support.ts';

const friendsCount = Number(process.argv[2] ?? process.env.N ?? 2_000);
const rawJobs = friendsCount * 4;
/** The same worker settings for the baseline and the engine, so the ratio compares like with like. */
const tuning = { ...DEFAULT_TUNING, batchSize: Number(process.env.BENCH_BATCH ?? DEFAULT_TUNING.batchSize) };

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-bench-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the folder
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  try {
    const pool = createPool(database.url, 20);
    await applyMigrations(pool);
    const raw = await rawPgBossThroughput(database.url);
    const engine = await engineThroughput(database.url, pool, dataDir);
    await pool.end();
    console.log(`raw pg-boss: ${rawJobs} jobs in ${raw.seconds.toFixed(2)} s = ${raw.perSecond.toFixed(0)} jobs/s`);
    console.log(`engine: ${engine.steps} friend-steps (${friendsCount} friends) in ${engine.seconds.toFixed(2)} s = ${engine.perSecond.toFixed(0)} friend-steps/s`);
    console.log(`ratio: ${(engine.perSecond / raw.perSecond).toFixed(2)}`);
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Empty handlers, same batch settings as the runtime's workers: the ceiling the engine runs under. */
async function rawPgBossThroughput(url: string) {
  const boss = new PgBoss({ connectionString: url, schedule: false, useListenNotify: true });
  await boss.start();
  await boss.createQueue('bench-raw', { notify: true });
  // Timed from the first insert, as the engine is timed from the enrol request that inserts its jobs.
  const started = performance.now();
  for (let i = 0; i < rawJobs; i += 1_000) {
    await boss.insert('bench-raw', Array.from({ length: Math.min(1_000, rawJobs - i) }, (_, j) => ({ data: { n: i + j } })));
  }
  let done = 0;
  const finished = new Promise<void>((resolve) => {
    void boss.work('bench-raw', { batchSize: tuning.batchSize, burstWhenBatchFull: true, pollingIntervalSeconds: tuning.pollingIntervalSeconds, localConcurrency: tuning.localConcurrency }, async (jobs) => {
      done += jobs.length;
      if (done >= rawJobs) resolve();
    });
  });
  await finished;
  const seconds = (performance.now() - started) / 1000;
  await boss.stop({ graceful: false });
  return { seconds, perSecond: rawJobs / seconds };
}

async function engineThroughput(url: string, pool: ReturnType<typeof createPool>, dataDir: string) {
  const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: 'bench-secret-key-bench-secret-key-000', LOG_LEVEL: 'silent' });
  const app = await buildApp({ config, pool, databaseUrl: url, tuning });
  await app.ready();
  const api = await ownerApi(app);
  const workspace = await api('POST', '/api/workspaces', { name: 'bench' });
  const ws = `/api/workspaces/${workspace.id}`;
  const tag = await api('POST', `${ws}/tags`, { name: 'enrolled' });
  const field = await api('POST', `${ws}/fields`, { name: 'stage', kind: 'text' });
  const scenario = await api('POST', `${ws}/scenarios`, { name: 'bench', graph: benchGraph(tag.id, field.id) });
  await api('POST', `${ws}/scenarios/${scenario.id}/publish`);
  const [channel] = (await pool.query<{ id: string }>('select id from channels where workspace_id = $1', [workspace.id])).rows;
  await insertFriends(pool, workspace.id, channel!.id, friendsCount);
  const sampler = sampleActivity(url, (line) => console.log(line));
  const started = performance.now();
  await api('POST', `${ws}/scenarios/${scenario.id}/enrol`, { condition: { kind: 'and', conditions: [] } });
  for (;;) {
    const { rows } = await pool.query<{ finished: number; steps: number }>(
      `select (select count(*)::int from runs where scenario_id = $1 and status = 'finished') as finished,
              (select coalesce(sum(cardinality(node_ids) * cardinality(run_ids)), 0)::int from run_steps where scenario_id = $1) as steps`, [scenario.id]);
    if (rows[0]!.finished >= friendsCount) {
      const seconds = (performance.now() - started) / 1000;
      await sampler.stop();
      await app.close();
      return { seconds, steps: rows[0]!.steps, perSecond: rows[0]!.steps / seconds };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** trigger → tag → set field → branch on the tag → end: five node entries per friend, no waits. */
function benchGraph(tagId: string, fieldId: string): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } },
      { id: 'tag', type: 'tag', position: { x: 0, y: 100 }, data: { add: [tagId], remove: [] } },
      { id: 'field', type: 'setField', position: { x: 0, y: 200 }, data: { op: 'set', fieldId, value: 'enrolled' } },
      { id: 'branch', type: 'branch', position: { x: 0, y: 300 }, data: { cases: [{ id: 'tagged', label: 'tagged', condition: { kind: 'tag', tagId, has: true } }] } },
      { id: 'end', type: 'end', position: { x: 0, y: 400 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'tag' },
      { id: 'e2', source: 'tag', sourceHandle: 'next', target: 'field' },
      { id: 'e3', source: 'field', sourceHandle: 'next', target: 'branch' },
      { id: 'e4', source: 'branch', sourceHandle: 'tagged', target: 'end' },
      { id: 'e5', source: 'branch', sourceHandle: 'else', target: 'end' },
    ],
  };
}


await main();
process.exit(0);
