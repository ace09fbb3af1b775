// npm run bench:cohort   (N=1000000 by default; N=100000 npm run bench:cohort for a quicker run)
// One step due for a whole cohort: N friends enrolled by one API call (a segment of everyone) into
// a published scenario `manual trigger → send (the same text for everyone) → end`, through the
// real workers, handed to a fake LINE in its own process that enforces LINE's real rate limits
// (multicast 200 requests/s per channel, so 100,000 friends/s at most).
// Baseline, same run and database: a hand-written set-based sender (an outbox table claimed 500
// rows at a time with UPDATE … RETURNING, one multicast each, the same fake and limits).
// Last line: `cohort: N friends enrolled in A s, handed to LINE in B s`.
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { loggerOptions } from '../src/log-options.ts';
import { sampleActivity } from './activity-sampler.ts';
import { cpuPerUnit, cpuTimes, postmasterPid } from './cpu-meter.ts';
import { handWrittenSender, insertFriends, loadavg, ownerApi, seconds, startFakeLineProcess, withDatabase } from './support.ts';

const N = Number(process.env.N ?? 1_000_000);
const TEXT = '本日10:00からセール開始です！';
const say = (line: string) => process.stdout.write(`${line}\n`);

await withDatabase(async ({ url, pool, dataDir, clusterDir }) => {
  const line = await startFakeLineProcess();
  say(`cohort bench: N=${N}, load ${loadavg()}`);
  const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY: 'bench-secret-key-bench-secret-key-000', LOG_LEVEL: 'warn', LINE_API_BASE_URL: line.url });
  // The runtime's warnings (a batch that failed, a settle that did not commit) go to stderr: a late
  // tail in the figures has its cause beside it.
  const app = await buildApp({ config, pool, databaseUrl: url, logger: { ...loggerOptions(config.LOG_LEVEL) as object, stream: process.stderr } });
  await app.ready();
  const api = await ownerApi(app);
  const workspace = await api('POST', '/api/workspaces', { name: 'bench' });
  const ws = `/api/workspaces/${workspace.id}`;
  const channel = await api('POST', `${ws}/channels`, {
    name: 'bench', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `bench-token-${'x'.repeat(40)}`,
  });
  const scenario = await api('POST', `${ws}/scenarios`, { name: 'cohort', graph: cohortGraph() });
  await api('POST', `${ws}/scenarios/${scenario.id}/publish`);
  let started = performance.now();
  await insertFriends(pool, workspace.id, channel.id, N);
  // Vacuumed as well as analysed: a workspace's million friends came over months, long since
  // vacuumed, and the vacuum a million rows written a moment ago call for (about 4 s of PostgreSQL's
  // CPU) is the set-up's, not the cohort's.
  await pool.query('vacuum analyze friends, friend_segment_facts');
  say(`set-up: ${N} friends written in ${seconds(performance.now() - started)} s`);

  const baseline = await handWrittenSender(pool, line.url, workspace.id, TEXT);
  say(`baseline (hand-written set-based sender, same fake LINE and limits): ${N} friends handed to LINE in ${seconds(baseline)} s`);

  const sampler = sampleActivity(url, say);
  const cpuSources = { postmaster: postmasterPid(clusterDir), fakeLine: line.pid };
  const cpuBefore = cpuTimes(cpuSources);
  started = performance.now();
  const enrol = await api('POST', `${ws}/scenarios/${scenario.id}/enrol`, { condition: { kind: 'and', conditions: [] } });
  if (enrol.enrolled !== N) throw new Error(`enrolled ${enrol.enrolled} of ${N}`);
  let enrolledAt: number | undefined;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const { rows: [state] } = await pool.query<{ pending: boolean; unsent: boolean }>(
      // One probe per partial index (queued, in flight): `status in (…)` matches neither and would
      // scan the whole outbox every 200 ms, beside the work being measured. The queue by its key:
      // a bare `exists` reads the heap from its start, past every row already applied (at a
      // million, 14 ms a probe, 10 µs a friend of the figure).
      `select exists (select 1 from pending_enrolments order by seq limit 1) as pending,
              exists (select 1 from sends where status = 'queued') or exists (select 1 from sends where status = 'sending')
                or exists (select 1 from cohort_batches) as unsent`);
    if (!state!.pending && enrolledAt === undefined) enrolledAt = performance.now() - started;
    if (!state!.pending && !state!.unsent) break;
  }
  const handed = performance.now() - started;
  const cpuAfter = cpuTimes(cpuSources);
  await sampler.stop();
  const { rows: [counts] } = await pool.query<{ runs: number; sent: number }>(
    `select (select count(*)::int from runs where scenario_id = $1) as runs,
       (select count(*)::int from sends where status = 'sent') + (select coalesce(sum(cardinality(friend_ids)), 0)::int from cohort_sends where status = 'sent') as sent`, [scenario.id]);
  await app.close();
  const stats = await line.stop();
  say(`runtime: ${counts!.runs} runs, ${counts!.sent} sends sent; fake LINE answered ${JSON.stringify(stats.counts)}, ${stats.recipients} recipients (baseline's included)`);
  if (counts!.runs !== N || counts!.sent !== N) throw new Error('not every friend was enrolled and sent to exactly once');
  say(cpuPerUnit(cpuBefore, cpuAfter, N, 'friend'));
  say(`load after: ${loadavg()}`);
  say(`cohort: ${N} friends enrolled in ${seconds(enrolledAt!)} s, handed to LINE in ${seconds(handed)} s`);
});
process.exit(0);

function cohortGraph(): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } },
      { id: 'send', type: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: TEXT }] } },
      { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'send' },
      { id: 'e2', source: 'send', sourceHandle: 'next', target: 'end' },
    ],
  };
}
