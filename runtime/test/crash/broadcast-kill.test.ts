import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startSlowFakeLine, type SlowFakeLine } from './slow-fake-line.ts';
import { crashWorker, type WorkerProcess } from './worker-process.ts';
import { apiClient, insertFriends, seededRandom } from './workload.ts';

// A broadcast under SIGKILL, both ways to LINE: personalised (its audience frozen, then handed to
// the outbox a chunk at a time as one push per friend) and the same text for everyone (frozen
// straight into multicast batches of ≤ 500). The process is killed twice mid-broadcast (recipients
// queued, batches claimed and not settled, requests LINE accepted without the worker hearing),
// restarted each time, and left to finish. Every friend must hold the message exactly once, and
// the broadcast's counts must say so.
//
// Reproduce a failure with the seed it printed: CRASH_SEED=<seed> vitest run --project runtime test/crash/broadcast-kill

const FRIENDS = Number(process.env.BROADCAST_KILL_FRIENDS ?? 500);
/** Batched: enough multicasts of 500 that kills land while some are queued and some in flight. */
const BATCHED_FRIENDS = 3_000;
const KILLS = 2;
const DEADLINE_MS = 150_000;

const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 1_000_000_000));
const random = seededRandom(seed);
const say = (line: string) => process.stdout.write(`[broadcast-kill seed=${seed}] ${line}\n`);

let database: TestDatabase;
let line: SlowFakeLine;
let worker: WorkerProcess;
let dataDir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  line = await startSlowFakeLine(400);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-broadcast-kill-'));
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
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cases = [
  { kind: 'personalised (a push each)', friends: FRIENDS, text: (name: string) => `${name}さん、本日セールです`, draft: '{name|お客様}さん、本日セールです' },
  { kind: 'the same text for everyone (multicast batches)', friends: BATCHED_FRIENDS, text: () => '本日全員セールです', draft: '本日全員セールです' },
] as const;

// Sent so far, either way (send rows, or the members of settled batches).
const sent = () => count(`select (select count(*) from sends where status = 'sent')::int
  + (select coalesce(sum(size), 0) from broadcast_batches where status = 'sent')::int as n`);

test.each(cases)('a worker SIGKILLed twice in the middle of a broadcast, $kind: each friend receives it exactly once', async ({ friends: size, text, draft }) => {
  const deadline = Date.now() + DEADLINE_MS;
  let api = apiClient(await worker.start());
  const workspace = await api<{ id: string }>('POST', '/api/workspaces', { name: 'Broadcast' });
  const ws = (route: string) => `/api/workspaces/${workspace.id}${route}`;
  const channel = await api<{ id: string }>('POST', ws('/channels'), {
    name: 'Broadcast channel', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `token-${'x'.repeat(40)}`,
  });
  const friends = await insertFriends(database.pool, workspace.id, channel.id, size, random);
  const broadcast = await api<{ id: string }>('POST', ws('/broadcasts'), {
    name: 'セール', messages: [{ type: 'text', text: draft }], audience: { kind: 'all' }, exclusions: [],
    options: { skipWaitingForReply: false, respectCaps: true }, schedule: { kind: 'now' }, delivery: { mode: 'off' },
  });
  await api('POST', ws(`/broadcasts/${broadcast.id}/start`));

  // In flight: a send row or a batch claimed and not settled (LINE may have it already, its answer not back).
  const inFlight = () => count(`select (select count(*) from sends where status = 'sending')::int
    + (select count(*) from broadcast_batches where status = 'sending')::int as n`);
  let before = await sent();
  for (let kill = 1; kill <= KILLS; kill++) {
    await until(deadline, 'this life to make progress', async () => await sent() > before || await inFlight() > 0);
    await new Promise((resolve) => setTimeout(resolve, Math.round(random() * 300)));
    await worker.kill();
    const { rows: [state] } = await database.pool.query(`select
      (select count(*)::int from broadcast_recipients where status = 'pending') as pending,
      (select count(*)::int from sends where status = 'queued') as queued,
      (select count(*)::int from sends where status = 'sending') as sending, (select count(*)::int from sends where status = 'sent') as sent,
      (select json_object_agg(status, n) from (select status, count(*)::int as n from broadcast_batches group by status) b) as batches`);
    say(`kill ${kill}: ${JSON.stringify(state)}`);
    before = await sent();
    // Each life listens on a port of its own.
    api = apiClient(await worker.start());
  }
  await until(deadline, 'the broadcast', async () => (await database.pool.query('select status from broadcasts where id = $1', [broadcast.id])).rows[0]?.status === 'done');
  const progress = await api<{ occurrence: { recipients: number; sent: number; failed: number; remaining: number } }>('GET', ws(`/broadcasts/${broadcast.id}/progress`));
  await worker.stop();

  expect(progress.occurrence).toMatchObject({ recipients: size, sent: size, failed: 0, remaining: 0 });
  const problems: string[] = [];
  for (const friend of friends) {
    const texts = line.fake.users.inbox(friend.lineUserId).map((entry) => (entry.message.type === 'text' ? entry.message.text : entry.message.type));
    if (JSON.stringify(texts) !== JSON.stringify([text(friend.displayName)])) problems.push(`${friend.lineUserId} received ${JSON.stringify(texts)}`);
  }
  expect(problems.slice(0, 10), `${problems.length} friends received the wrong messages`).toEqual([]);
  const requests = line.fake.requests.list().filter((request) => request.endpoint === 'multicast' || request.endpoint === 'push');
  expect(requests.filter((request) => request.status === 409 && !request.sameBodyAsAccepted)).toEqual([]);
  expect(requests.filter((request) => request.status !== 200 && request.status !== 409)).toEqual([]);
  say(`done: ${requests.filter((request) => request.status === 200).length} accepted, ${requests.filter((request) => request.status === 409).length} answered 409`);
  line.fake.requests.reset();
}, DEADLINE_MS + 30_000);
