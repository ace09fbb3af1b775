// npm run bench:ingest [follows]
// Signed follow webhooks through the real HTTP route, end to end: each follow is counted when its
// friend is recorded, their run started and the welcome handed to LINE (the send row `sent`, the
// fake LINE's inbox holding it). The fake LINE answering the runtime runs in a process of its own,
// as LINE is not in ours, and enforces LINE's per-endpoint rate limits (push 2,000/s, multicast
// 200/s, profile reads 2,000/s). Beside it, in the same run on the same database: single-row
// commits per second, the pace one transaction per event could reach. The POSTs are LINE's side,
// on this machine's CPU only because the bench runs here: signed and written out before the clock
// starts, and sent over keep-alive connections by bench/keep-alive-posts.ts.
// Last line: `ingest: X follows/s; baseline Y single-row commits/s; ratio Z`.
//
// The app runs inside the bench process by default. BENCH_ROLES runs it as `npm start` does
// instead, in processes of its own (src/server.ts), one per role listed: `both` (the webhook and
// the workers in one), `api,worker` (the door and the workers apart, as docs/architecture.md runs
// them on several machines), `api,worker,worker`. On 2 cores they do not go faster: the machine's
// CPU, not one event loop, is what is used up (docs/BENCHMARKS.md).
//
// BENCH_EVENTS_PER_POST (default 1: LINE posts each event on its own unless it is busy),
// BENCH_CONCURRENCY (POSTs in flight, default 64), BENCH_WELCOME=name (a `{name}` welcome: a push
// per friend, so LINE's push limit caps it), BENCH_DOOR_ONLY=1 (no workers: the door alone),
// BENCH_FLOW=drip (the drip flow 友だち追加 → wait 1 minute → branch on a tag → send: its last line
// is the CPU a friend, the minute's wait making follows/s meaningless).
import { sampleActivity } from './activity-sampler.ts';
import { cpuPerUnit, cpuTimes, postmasterPid } from './cpu-meter.ts';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { postAll, postBytes } from './keep-alive-posts.ts';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { buildApp } from '../src/app.ts';
import { DEFAULT_TUNING } from '../src/jobs/work.ts';
import { loadConfig } from '../src/config.ts';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { followEvent } from '../src/line/fake/index.ts';
import { benchUserId } from './bench-users.ts';
import { signWebhookBody } from '../src/line/signature.ts';
import { freePort } from '../test/support/free-port.ts';
import { startServerProcess, type ServerProcess } from '../test/server/start-process.ts';
import { ownerApi, startFakeLineProcess } from './support.ts';

const follows = Number(process.argv[2] ?? 5_000);
const perPost = Number(process.env.BENCH_EVENTS_PER_POST ?? 1);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const personal = process.env.BENCH_WELCOME === 'name';
const drip = process.env.BENCH_FLOW === 'drip';
const doorOnly = Boolean(process.env.BENCH_DOOR_ONLY);
const rolesListed = process.env.BENCH_ROLES ? process.env.BENCH_ROLES.split(',').map((role) => role.trim()) : undefined;
const inProcess = !rolesListed;
const roles = rolesListed && doorOnly ? ['api'] : rolesListed ?? [];
if (rolesListed && !roles.some((role) => role === 'api' || role === 'both')) throw new Error('BENCH_ROLES needs a process that takes the webhook: api or both');
const SECRET_KEY = 'bench-secret-key-bench-secret-key-000';
const WELCOME = personal ? '{name}さん、友だち追加ありがとうございます！' : '友だち追加ありがとうございます！';

async function main() {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-bench-ingest-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as `postgres` and must reach the folder
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort() });
  try {
    const pool = createPool(database.url, 20);
    await applyMigrations(pool);
    const loadBefore = os.loadavg()[0]!;
    const baseline = await singleRowCommits(database.url);
    const ingest = await ingestThroughput(database.url, pool, dataDir, database.clusterDir);
    await pool.end();
    console.log(`machine: ${os.cpus().length} cores, load average ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after`);
    console.log(`baseline: ${baseline.commits} single-row commits (${concurrency} clients) in ${baseline.seconds.toFixed(2)} s`);
    console.log(`runtime: ${inProcess ? 'inside the bench process' : roles.map((role) => `ROLE=${role}`).join(' + ')}`);
    console.log(`webhook door: ${follows} follows in ${ingest.posts} signed POSTs (${perPost} a POST, ${concurrency} in flight) answered in ${ingest.doorSeconds.toFixed(2)} s (redelivered after ${JSON.stringify(ingest.failures)}) = ${(follows / ingest.doorSeconds).toFixed(0)} events/s`);
    console.log(`end to end: ${follows} friends recorded, runs started, welcome ${personal ? '({name}) ' : ''}handed to LINE in ${ingest.seconds.toFixed(2)} s, every name written in ${ingest.namedSeconds.toFixed(2)} s; `
      + `LINE requests: ${JSON.stringify(ingest.requests)}; exact: ${ingest.exact}`);
    // Up to the last welcome, the bench's own POSTs in node's share (its names' profile reads partly).
    console.log(ingest.cpu);
    if (!doorOnly) console.log(`until every name was written, ${ingest.cpuNamed}`);
    const ratio = ingest.perSecond / baseline.perSecond;
    if (drip) console.log(`drip: ${follows} friends through 友だち追加 → wait 1 minute → branch → send; ${ingest.cpu}`);
    else console.log(`ingest: ${ingest.perSecond.toFixed(0)} follows/s; baseline ${baseline.perSecond.toFixed(0)} single-row commits/s; ratio ${ratio.toFixed(2)}`);
    if (!ingest.exact) process.exitCode = 1;
  } finally {
    await database.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** As many clients as POSTs in flight, each committing one-row inserts for 3 s. */
async function singleRowCommits(url: string) {
  const clients = Math.min(concurrency, 16);
  const pool = new pg.Pool({ connectionString: url, max: clients });
  await pool.query('create table bench_commits (id bigserial primary key, body jsonb not null, at timestamptz not null default now())');
  const until = performance.now() + 3_000;
  let commits = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < until) {
      await pool.query('insert into bench_commits (body) values ($1)', [JSON.stringify({ type: 'follow', n: commits })]);
      commits += 1;
    }
  }));
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  return { commits, seconds, perSecond: commits / seconds };
}

async function ingestThroughput(url: string, pool: ReturnType<typeof createPool>, dataDir: string, clusterDir: string) {
  // People LINE knows (their profiles answer), each following once.
  const users = Array.from({ length: follows }, (_, i) => benchUserId(i + 1));
  const line = await startFakeLineProcess({ people: follows });
  const config = loadConfig({ DATA_DIR: dataDir, SECRET_KEY, LOG_LEVEL: 'silent', LINE_API_BASE_URL: line.url });
  // In process: the app the bench posts to. Otherwise only the set-up below uses it, without workers.
  const app = await buildApp({ config, pool, databaseUrl: url, tuning: DEFAULT_TUNING, ...(inProcess && !doorOnly ? {} : { workers: false }) });
  const api = await ownerApi(app);
  const workspace = await api('POST', '/api/workspaces', { name: 'bench' });
  const ws = `/api/workspaces/${workspace.id}`;
  const secret = 'c'.repeat(32);
  const channel = await api('POST', `${ws}/channels`, {
    name: 'bench', lineChannelId: '1234567890', channelSecret: secret, channelAccessToken: `bench-token-${'x'.repeat(40)}`,
  });
  // The demo seed may publish its own scenarios: only the bench's welcome should answer a follow.
  await pool.query("update scenarios set state = 'paused' where workspace_id = $1", [workspace.id]);
  const graph = drip ? dripGraph((await api('POST', `${ws}/tags`, { name: '購入済み' })).id) : welcomeGraph();
  const scenario = await api('POST', `${ws}/scenarios`, { name: 'welcome', graph });
  await api('POST', `${ws}/scenarios/${scenario.id}/publish`);

  const signedPosts: Array<{ body: string; signature: string }> = [];
  for (let i = 0; i < users.length; i += perPost) {
    const events = users.slice(i, i + perPost).map((userId) => followEvent({ userId }));
    const body = JSON.stringify({ destination: `U${'0'.repeat(32)}`, events });
    signedPosts.push({ body, signature: signWebhookBody(body, secret) });
  }
  let origin: string;
  const runtimes: ServerProcess[] = [];
  if (inProcess) {
    const port = await freePort();
    await app.listen({ host: '127.0.0.1', port });
    origin = `http://127.0.0.1:${port}`;
  } else {
    await app.close();
    for (const [index, role] of roles.entries()) {
      runtimes.push(startServerProcess({
        DATABASE_URL: url, PORT: '0', DATA_DIR: dataDir, SECRET_KEY, LOG_LEVEL: 'silent', LINE_API_BASE_URL: line.url, FAKE_LINE: 'off', ROLE: role,
        // Named, so BENCH_SAMPLE can tell whose statements it sees.
        PGAPPNAME: `lsb-bench-${role}-${index + 1}`,
      }));
    }
    const urls = await Promise.all(runtimes.map((runtime) => runtime.ready));
    origin = urls[roles.findIndex((role) => role !== 'worker')]!;
  }
  const door = new URL(origin);
  const path = `/webhooks/line/${channel.id}`;
  const posts = signedPosts.map(({ body, signature }) =>
    postBytes(door, path, { 'Content-Type': 'application/json', 'X-Line-Signature': signature }, body));
  const sampler = sampleActivity(url, (line) => console.log(line));
  const cpuSources = { postmaster: postmasterPid(clusterDir), fakeLine: line.pid, runtimes: runtimes.map((runtime) => runtime.child.pid!) };
  const cpuBefore = cpuTimes(cpuSources);
  const started = performance.now();
  // LINE redelivers what was not answered 200 (an error, a reset connection); so does the bench.
  const failures = await postAll(door, posts, concurrency);
  const doorSeconds = (performance.now() - started) / 1000;
  for (;;) {
    // The welcome node's own counter (a few rows), not a count over the outbox: the probe should
    // not take the database's time from what it measures. The final count below checks every row.
    const { rows: [row] } = await pool.query<{ sent: number }>(
      "select coalesce(sum(n), 0)::int as sent from node_counters where scenario_id = $1 and node_id = 'welcome' and metric = 'sent'", [scenario.id]);
    if (row!.sent >= follows || doorOnly) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = cpuPerUnit(cpuBefore, cpuTimes(cpuSources), follows, 'follow');
  // Names come after the welcome: profiles are fetched once each batch has committed (a `{name}`
  // welcome waits for them). Timed too, but not part of the figure.
  while (!doorOnly) {
    const { rows: [row] } = await pool.query<{ pending: number }>(
      "select count(*)::int as pending from friends where workspace_id = $1 and profile_status = 'pending'", [workspace.id]);
    if (row!.pending === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const namedSeconds = (performance.now() - started) / 1000;
  // All the work of a follow, its name's profile read included (LINE answers at most 2,000 a second).
  const cpuNamed = cpuPerUnit(cpuBefore, cpuTimes(cpuSources), follows, 'follow');
  await sampler.stop();
  const { rows: [counts] } = await pool.query<{ friends: number; runs: number; sends: number }>(
    `select (select count(*)::int from friends where workspace_id = $1) as friends,
            (select count(*)::int from runs where scenario_id = $2) as runs,
            (select count(*)::int from sends where scenario_id = $2 and status = 'sent')
              + (select coalesce(sum(cardinality(friend_ids)), 0)::int from cohort_sends where scenario_id = $2 and status = 'sent') as sends`, [workspace.id, scenario.id]);
  if (inProcess) await app.close();
  for (const runtime of runtimes) {
    runtime.child.kill('SIGTERM');
    await runtime.exited;
  }
  const { counts: requests, inboxSizes } = await line.stop();
  const exact = counts!.friends === follows && counts!.runs === follows && counts!.sends === follows && inboxSizes['1'] === follows;
  return { seconds, namedSeconds, doorSeconds, posts: signedPosts.length, perSecond: follows / seconds, exact, requests, failures, cpu, cpuNamed };
}

/** 友だち追加 → welcome → end. */
function welcomeGraph(): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'welcome', type: 'send', position: { x: 0, y: 100 }, data: { messages: [{ type: 'text', text: WELCOME }], delivery: { mode: 'off' } } },
      { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'welcome' },
      { id: 'e2', source: 'welcome', sourceHandle: 'next', target: 'end' },
    ],
  };
}

/** 友だち追加 → wait 1 minute → has 購入済み? coupon : welcome (no one has it) → end. */
function dripGraph(boughtTagId: string): FlowGraph {
  const sendData = (text: string) => ({ messages: [{ type: 'text' as const, text }], delivery: { mode: 'off' as const } });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'wait', type: 'wait', position: { x: 0, y: 100 }, data: { mode: 'elapsed', amount: 1, unit: 'minutes' } },
      { id: 'branch', type: 'branch', position: { x: 0, y: 200 }, data: { cases: [{ id: 'bought', label: '購入済み', condition: { kind: 'tag', tagId: boughtTagId, has: true } }] } },
      { id: 'coupon', type: 'send', position: { x: -150, y: 300 }, data: sendData('ご購入ありがとうございます。次回使えるクーポンです。') },
      { id: 'welcome', type: 'send', position: { x: 150, y: 300 }, data: sendData(WELCOME) },
      { id: 'end', type: 'end', position: { x: 0, y: 400 }, data: {} },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'branch' },
      { id: 'e3', source: 'branch', sourceHandle: 'bought', target: 'coupon' },
      { id: 'e4', source: 'branch', sourceHandle: 'else', target: 'welcome' },
      { id: 'e5', source: 'coupon', sourceHandle: 'next', target: 'end' },
      { id: 'e6', source: 'welcome', sourceHandle: 'next', target: 'end' },
    ],
  };
}

await main();
process.exit(process.exitCode ?? 0);
