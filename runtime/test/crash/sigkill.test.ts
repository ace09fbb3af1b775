import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { RecoveryWatch } from './recovery.ts';
import { startSlowFakeLine, type SlowFakeLine } from './slow-fake-line.ts';
import { crashWorker, type WorkerProcess } from './worker-process.ts';
import { apiClient, campaignScenario, insertFriends, seededRandom, stepsScenario, TEXTS, type Friend } from './workload.ts';

// DESIGN's crash-safety target: a worker killed with SIGKILL at random moments causes zero duplicate
// and zero lost sends. The runtime runs as its own process (src/server.ts) over a real PostgreSQL and
// sends to a fake LINE living in this process; it is killed several times while friends are being
// enrolled and sent to, started again each time, and then left to finish. What LINE received is
// then compared with what every friend should have received, message by message.
//
// Reproduce a failure with the seed it printed: CRASH_SEED=<seed> vitest run --project runtime test/crash

const FRIENDS = 300;
const KILLS = 6;
/** Each life's 4 messages per friend of its share; its kill comes after a seeded random part of them. */
const MESSAGES_PER_FRIEND = 4;
/** LINE's answer arrives this long after it delivered, so kills often land between the two. */
const LINE_ANSWER_DELAY_MS = 25;
/** The whole test, start to finish, including every restart and the recovery after the last kill. */
/** Each restart alone takes 15-35 s on a loaded 2-core machine (tsx compiles the runtime afresh). */
const DEADLINE_MS = 330_000;
/** How long a kill waits for its moment before it kills anyway. */
const HOLD_WAIT_MS = 60_000;

const seed = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const say = (line: string) => process.stdout.write(`[crash seed=${seed}] ${line}\n`);

let database: TestDatabase;
let line: SlowFakeLine;
let worker: WorkerProcess;
let dataDir: string;
let watch: RecoveryWatch | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
  line = await startSlowFakeLine(LINE_ANSWER_DELAY_MS);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-crash-'));
  worker = crashWorker(database.url, line.url, dataDir);
});

afterAll(async () => {
  await watch?.stop().catch(() => {});
  await worker?.kill().catch(() => {});
  await line?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

interface Progress { sent: number; queued: number; sending: number; runs: number; activeJobs: number; unfinishedJobs: number }

async function progress(): Promise<Progress> {
  const { rows: [row] } = await database.pool.query<Progress>(`select
      (select count(*)::int from sends where status = 'sent') as sent,
      (select count(*)::int from sends where status = 'queued') as queued,
      (select count(*)::int from sends where status = 'sending') as sending,
      (select count(*)::int from runs where status = 'finished') as runs,
      (select count(*)::int from pgboss.job where state = 'active') as "activeJobs",
      (select count(*)::int from pgboss.job where state in ('created', 'retry', 'active')) as "unfinishedJobs"`);
  return row!;
}

/**
 * The kill's moment, chosen by progress rather than by a delay (a delay lands after all the work on
 * a quiet machine and before any on a loaded one): once `sent` reaches `target`, the first moment
 * the worker holds a claimed job or a send batch; or once everything up to `allSent` is sent; or
 * at `giveUpAt`.
 */
async function untilMidWork(target: number, allSent: number, giveUpAt: number): Promise<void> {
  for (;;) {
    const now = await progress();
    const holding = now.activeJobs > 0 || now.sending > 0;
    if ((now.sent >= target && holding) || now.sent >= allSent || Date.now() > giveUpAt) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Polls until `done` holds; fails at the deadline. */
async function until(deadline: number, done: () => Promise<boolean>): Promise<void> {
  for (;;) {
    if (await done()) return;
    if (Date.now() > deadline) throw new Error(`not done by the deadline: ${JSON.stringify(await progress())}\n${worker.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('SIGKILLed at random moments while sending, the worker loses no send and duplicates none', async () => {
  const startedAt = Date.now();
  const deadline = startedAt + DEADLINE_MS;
  say(`friends=${FRIENDS} kills=${KILLS}`);

  // Set-up through the API of the first life: a workspace, a real (non-fake) channel pointed at the
  // fake LINE by LINE_API_BASE_URL, and two published scenarios entered by hand.
  let api = apiClient(await worker.start());
  const workspace = await api<{ id: string }>('POST', '/api/workspaces', { name: 'Crash' });
  const ws = (route: string) => `/api/workspaces/${workspace.id}${route}`;
  const channel = await api<{ id: string; isFake: boolean }>('POST', ws('/channels'), {
    name: 'Crash channel', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `token-${'x'.repeat(40)}`,
  });
  expect(channel.isFake).toBe(false);
  const scenarioIds: string[] = [];
  for (const [name, graph] of [['steps', stepsScenario()], ['campaign', campaignScenario()]] as const) {
    const scenario = await api<{ id: string }>('POST', ws('/scenarios'), { name, graph });
    await api('POST', ws(`/scenarios/${scenario.id}/publish`));
    scenarioIds.push(scenario.id);
  }
  const friends = await insertFriends(database.pool, workspace.id, channel.id, FRIENDS, random);

  // Each life is handed a share of the friends to enrol (work keeps arriving, as in production),
  // then killed at a seeded random moment; the next life starts at once.
  const share = Math.ceil(FRIENDS / KILLS);
  let heldBatches = 0;
  const recoveries = new RecoveryWatch(database.pool);
  watch = recoveries;
  recoveries.start();
  for (let kill = 1; kill <= KILLS; kill++) {
    const friendIds = friends.slice((kill - 1) * share, kill * share).map((friend) => friend.id);
    const sentBefore = (await progress()).sent;
    for (const id of scenarioIds) {
      expect((await api<{ enrolled: number }>('POST', ws(`/scenarios/${id}/enrol`), { friendIds })).enrolled).toBe(friendIds.length);
    }
    const target = sentBefore + Math.floor(random() * friendIds.length * MESSAGES_PER_FRIEND * 0.9);
    await untilMidWork(target, sentBefore + friendIds.length * MESSAGES_PER_FRIEND, Date.now() + HOLD_WAIT_MS);
    await worker.kill();
    const orphans = await recoveries.killed(Date.now());
    const held = await progress();
    heldBatches += held.sending;
    say(`kill ${kill}: after ${target - sentBefore} of this life's sends, having enrolled ${friendIds.length} more; left ${orphans} jobs active and ${held.sending} sends in held batches; ${JSON.stringify(held)}`);
    const restartedAt = Date.now();
    api = apiClient(await worker.start());
    say(`life ${kill + 1} listening ${Date.now() - restartedAt} ms after the restart`);
  }

  // The last life finishes the work, the killed lives' jobs included, until no job is left.
  const total = FRIENDS * 4;
  await until(deadline, async () => {
    const now = await progress();
    return now.sent === total && now.runs === FRIENDS * 2 && now.unfinishedJobs === 0 && recoveries.settled;
  });
  await recoveries.stop();
  const recovery = recoveries.summary();
  for (const [index, kill] of recovery.entries()) {
    say(`kill ${index + 1}: its ${kill.orphans} jobs released after ${kill.releasedAfter?.toFixed(1)} s, rerun after ${kill.rerunAfter?.toFixed(1)} s`);
  }
  await worker.stop();

  assertEveryFriendGotEachMessageOnce(friends);
  await assertOutboxMatchesLine(friends, total);

  // Heartbeats, not expiry (15 min), bring a killed worker's jobs back; leases its send batches.
  // Only the last kill is timed: earlier lives rarely live long enough to supervise (5 s) anything.
  const last = recovery.at(-1)!;
  expect(recovery.some((kill) => kill.orphans > 0) || heldBatches > 0, 'no kill caught the worker holding jobs or send batches').toBe(true);
  if (last.orphans > 0) expect(last.releasedAfter).toBeLessThan(30);

  const requests = line.fake.requests.list();
  say(`done in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${requests.length} LINE requests, `
    + `${requests.filter((request) => request.status === 409).length} answered 409 (a retry of an accepted request)`);
}, DEADLINE_MS + 10_000);

/** From LINE's side: each friend's inbox holds exactly A, B, C, D once each, A before B and C before D. */
function assertEveryFriendGotEachMessageOnce(friends: Friend[]): void {
  const problems: string[] = [];
  for (const friend of friends) {
    const texts = line.fake.users.inbox(friend.lineUserId).map((entry) => (entry.message.type === 'text' ? entry.message.text : entry.message.type));
    const steps = texts.filter((text) => text === TEXTS.a || text.startsWith('B: '));
    const campaign = texts.filter((text) => text === TEXTS.c || text === TEXTS.d);
    const ok = texts.length === 4
      && JSON.stringify(steps) === JSON.stringify([TEXTS.a, TEXTS.b(friend.displayName)])
      && JSON.stringify(campaign) === JSON.stringify([TEXTS.c, TEXTS.d]);
    if (!ok) problems.push(`${friend.displayName} (${friend.lineUserId}) received ${JSON.stringify(texts)}`);
  }
  expect(problems, `${problems.length} friends received the wrong messages`).toEqual([]);
}

/**
 * From both sides: every outbox row is sent, and LINE delivered it under the row's batch key; every
 * request LINE accepted carried a key it had not accepted before; every repeat it answered 409
 * carried the very body it had accepted.
 */
async function assertOutboxMatchesLine(friends: Friend[], total: number): Promise<void> {
  const { rows: sends } = await database.pool.query<{ friend_id: string; status: string; batch_key: string; text: string }>(
    "select friend_id, status, batch_key, messages->0->>'text' as text from sends");
  expect(sends).toHaveLength(total);
  expect(sends.filter((send) => send.status !== 'sent')).toEqual([]);

  const lineUserOf = new Map(friends.map((friend) => [friend.id, friend.lineUserId]));
  const delivered = new Set(friends.flatMap((friend) => line.fake.users.inbox(friend.lineUserId)
    .map((entry) => `${friend.lineUserId}|${entry.retryKey}|${entry.message.type === 'text' ? entry.message.text : ''}`)));
  const missing = sends.filter((send) => !delivered.has(`${lineUserOf.get(send.friend_id)}|${send.batch_key}|${send.text}`));
  expect(missing, 'outbox rows LINE has no delivery for under their batch key').toEqual([]);

  const requests = line.fake.requests.list().filter((request) => request.endpoint === 'push' || request.endpoint === 'multicast');
  const accepted = requests.filter((request) => request.status === 200);
  expect(new Set(accepted.map((request) => request.retryKey)).size).toBe(accepted.length);
  expect(accepted.reduce((sum, request) => sum + (request.recipients ?? 0), 0)).toBe(total);
  expect(requests.filter((request) => request.status === 409 && !request.sameBodyAsAccepted)).toEqual([]);
  expect(requests.filter((request) => request.status !== 200 && request.status !== 409)).toEqual([]);
  expect(accepted.some((request) => request.endpoint === 'multicast' && (request.recipients ?? 0) > 1)).toBe(true);

  // No job ran out of retries: the kills cost time, never a job.
  const { rows: [jobs] } = await database.pool.query<{ failed: number }>("select count(*)::int as failed from pgboss.job where state = 'failed'");
  expect(jobs!.failed).toBe(0);
}
