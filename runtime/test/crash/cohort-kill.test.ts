import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startSlowFakeLine, type SlowFakeLine } from './slow-fake-line.ts';
import { crashWorker, type WorkerProcess } from './worker-process.ts';
import { apiClient, insertFriends, seededRandom, type Friend } from './workload.ts';

// A cohort step under SIGKILL: 10,000 friends wait at the same node and fall due at once; the wake
// tick steps them in chunks and the sender hands them to LINE in batches of 500. The worker is
// killed twice in the middle of it (runs half stepped, batches claimed and not settled, requests
// LINE accepted without the worker hearing), restarted each time, and left to finish. Every
// friend's inbox must then hold each message once, in order. Twice: A then B in one step (send
// rows, grouped at the claim), and A alone (a cohort batch per 500, store/cohort-batches.ts).
//
// Reproduce a failure with the seed it printed: CRASH_SEED=<seed> vitest run --project runtime test/crash/cohort-kill

const FRIENDS = Number(process.env.COHORT_FRIENDS ?? 10_000);
const KILLS = 2;
const DEADLINE_MS = 400_000;
const A = 'A: 本日10:00からセール開始です';
const B = 'B: クーポンは今夜23:59まで';

const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 1_000_000_000));
const random = seededRandom(seed);
const say = (line: string) => process.stdout.write(`[cohort-kill seed=${seed}] ${line}\n`);

let database: TestDatabase;
let line: SlowFakeLine;
let worker: WorkerProcess;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  line = await startSlowFakeLine(25);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-cohort-kill-'));
  worker = crashWorker(database.url, line.url, dataDir);
});

afterAll(async () => {
  await worker?.kill().catch(() => {});
  await line?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const count = async (query: string) => (await database.pool.query<{ n: number }>(query)).rows[0]!.n;

async function until(deadline: number, what: string, done: () => Promise<boolean>): Promise<void> {
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done by the deadline\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const VARIANTS = [
  { name: 'A then B in one step, as send rows', texts: [A, B], batches: false },
  { name: 'A alone, as cohort batches', texts: [A], batches: true },
];

/** Sends LINE took: the outbox's rows and cohort sends' members. */
const SENT = `select ((select count(*) from sends where status = 'sent')
  + (select coalesce(sum(cardinality(friend_ids)), 0) from cohort_sends where status = 'sent'))::int as n`;

test.each(VARIANTS)(`a worker SIGKILLed twice in the middle of a ${FRIENDS}-friend cohort step ($name): every inbox holds each message once, in order`, async (variant) => {
  const deadline = Date.now() + DEADLINE_MS;
  const api = apiClient(await worker.start());
  const workspace = await api<{ id: string }>('POST', '/api/workspaces', { name: 'Cohort' });
  const ws = (route: string) => `/api/workspaces/${workspace.id}${route}`;
  const channel = await api<{ id: string }>('POST', ws('/channels'), {
    name: 'Cohort channel', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `token-${'x'.repeat(40)}`,
  });
  const scenario = await api<{ id: string }>('POST', ws('/scenarios'), { name: 'cohort', graph: cohortGraph(variant.texts) });
  await api('POST', ws(`/scenarios/${scenario.id}/publish`));
  const friends = await insertFriends(database.pool, workspace.id, channel.id, FRIENDS, random);
  const requestsBefore = line.fake.requests.list().length;
  expect((await api<{ enrolled: number }>('POST', ws(`/scenarios/${scenario.id}/enrol`), { condition: { kind: 'and', conditions: [] } })).enrolled).toBe(FRIENDS);
  const waiting = `select count(*)::int as n from runs where status = 'waiting' and scenario_id = '${scenario.id}'`;
  await until(deadline, 'enrolment', async () => await count(waiting) === FRIENDS);

  // Tomorrow comes for all of them at once.
  const sentBefore = await count(SENT);
  const batchesBefore = await count("select coalesce(sum(n_tup_ins), 0)::int as n from pg_stat_user_tables where relname = 'cohort_batches'");
  await database.pool.query("update runs set wake_at = now() where status = 'waiting'");
  // Progress: runs stepped past the wait, plus sends LINE took.
  const progress = async () => await count("select count(*)::int as n from runs where status <> 'waiting'") + await count(SENT);
  let before = await progress();
  for (let kill = 1; kill <= KILLS; kill++) {
    // Kill once this life has moved part of the cohort (sends claimed, some settled, runs left to step).
    await until(deadline, 'this life to make progress', async () => await progress() > before
      && await count(`select ((select count(*) from sends where status <> 'queued') + (select count(*) from cohort_batches where status <> 'queued')
        + (select count(*) from cohort_sends))::int as n`) > 0);
    await new Promise((resolve) => setTimeout(resolve, Math.round(random() * 800)));
    await worker.kill();
    const { rows: [state] } = await database.pool.query(`select
      (select count(*)::int from runs where status = 'waiting') as waiting, (select count(*)::int from sends where status = 'queued') as queued,
      (select count(*)::int from sends where status = 'sending') as sending, (select count(*)::int from sends where status = 'sent') as sent,
      (select count(*)::int from cohort_batches) as batches, (select coalesce(sum(cardinality(friend_ids)), 0)::int from cohort_sends) as "sent in batches"`);
    say(`kill ${kill}: ${JSON.stringify(state)}`);
    before = await progress();
    await worker.start();
  }
  await until(deadline, 'the cohort', async () => await count(SENT) === sentBefore + FRIENDS * variant.texts.length);
  await worker.stop();
  // The path this variant is about is the one taken (the worker's statistics are flushed as it exits).
  const batchesWritten = await count("select coalesce(sum(n_tup_ins), 0)::int as n from pg_stat_user_tables where relname = 'cohort_batches'") - batchesBefore;
  if (variant.batches) expect(batchesWritten).toBeGreaterThanOrEqual(FRIENDS / 500);
  else expect(batchesWritten).toBe(0);

  const problems: string[] = [];
  for (const friend of friends as Friend[]) {
    const texts = line.fake.users.inbox(friend.lineUserId).map((entry) => (entry.message.type === 'text' ? entry.message.text : entry.message.type));
    if (JSON.stringify(texts) !== JSON.stringify(variant.texts)) problems.push(`${friend.lineUserId} received ${JSON.stringify(texts)}`);
  }
  expect(problems.slice(0, 10), `${problems.length} friends received the wrong messages`).toEqual([]);
  const requests = line.fake.requests.list().slice(requestsBefore).filter((request) => request.endpoint === 'multicast' || request.endpoint === 'push');
  const accepted = requests.filter((request) => request.status === 200);
  expect(accepted.reduce((sum, request) => sum + (request.recipients ?? 0), 0)).toBe(FRIENDS * variant.texts.length);
  expect(requests.filter((request) => request.status === 409 && !request.sameBodyAsAccepted)).toEqual([]);
  expect(requests.filter((request) => request.status !== 200 && request.status !== 409)).toEqual([]);
  say(`done: ${accepted.length} requests accepted, ${requests.filter((request) => request.status === 409).length} answered 409 (a dead worker's batch sent again)`);
}, DEADLINE_MS + 30_000);

/** manual trigger → wait a day → a send per text → end. */
function cohortGraph(texts: string[]): FlowGraph {
  const at = (row: number) => ({ x: 0, y: row * 120 });
  const sends = texts.map((text, index) => ({ id: `send${index + 1}`, type: 'send', position: at(index + 2), data: { messages: [{ type: 'text', text }] } }));
  const nodes = [
    { id: 'trigger', type: 'trigger', position: at(0), data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } },
    { id: 'wait', type: 'wait', position: at(1), data: { mode: 'elapsed', amount: 1, unit: 'days' } },
    ...sends,
    { id: 'end', type: 'end', position: at(texts.length + 2), data: {} },
  ];
  const edges = nodes.slice(1).map((node, index) => ({ id: `e${index + 1}`, source: nodes[index]!.id, sourceHandle: 'next', target: node.id }));
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes, edges } as FlowGraph;
}
