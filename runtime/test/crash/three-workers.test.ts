import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { startSlowFakeLine, type SlowFakeLine } from './slow-fake-line.ts';
import { WorkerProcess } from './worker-process.ts';
import { apiClient, campaignScenario, insertFriends, seededRandom, stepsScenario, TEXTS, type Friend } from './workload.ts';

// ROLE: one HTTP process (ROLE=api, no workers) and three worker processes (ROLE=worker) on one
// PostgreSQL. The workers share enrolments, wake-ups and send batches without duplicates, and
// LINE's limits hold across them: the fake LINE answers no 429 although together they could send
// far faster (its request log shows which channel got what, each second).

const FRIENDS = 1_500;
const random = seededRandom(9);

let database: TestDatabase;
let line: SlowFakeLine;
let dataDir: string;
const processes: WorkerProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  line = await startSlowFakeLine(5);
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-three-'));
});

afterAll(async () => {
  await Promise.all(processes.map((life) => life.stop().catch(() => {})));
  await line?.close();
  await database?.drop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('three worker processes and an API process share one database: each friend gets each message once, in order, with no 429', async () => {
  const env = (role: string, name: string) => ({
    DATABASE_URL: `${database.url}${database.url.includes('?') ? '&' : '?'}application_name=${name}`, PORT: '0', LINE_API_BASE_URL: line.url,
    DATA_DIR: dataDir, SECRET_KEY: 'crash-test-secret-key-0123456789abcdef', LOG_LEVEL: 'warn', ROLE: role,
  });
  const apiProcess = new WorkerProcess(env('api', 'lsb-api'));
  processes.push(apiProcess);
  const api = apiClient(await apiProcess.start());
  for (const n of [1, 2, 3]) processes.push(new WorkerProcess(env('worker', `lsb-worker-${n}`)));
  await Promise.all(processes.slice(1).map((worker) => worker.start()));

  const workspace = await api<{ id: string }>('POST', '/api/workspaces', { name: 'Three' });
  const ws = (route: string) => `/api/workspaces/${workspace.id}${route}`;
  const channel = await api<{ id: string }>('POST', ws('/channels'), {
    name: 'Three', lineChannelId: '1234567890', channelSecret: 'c'.repeat(32), channelAccessToken: `token-${'x'.repeat(40)}`,
  });
  const scenarioIds: string[] = [];
  for (const [name, graph] of [['steps', stepsScenario()], ['campaign', campaignScenario()]] as const) {
    const scenario = await api<{ id: string }>('POST', ws('/scenarios'), { name, graph });
    await api('POST', ws(`/scenarios/${scenario.id}/publish`));
    scenarioIds.push(scenario.id);
  }
  const friends = await insertFriends(database.pool, workspace.id, channel.id, FRIENDS, random);

  // Which worker connections were busy: sampled while the work runs.
  const busy = new Set<string>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const { rows } = await database.pool.query<{ name: string }>(
        "select distinct application_name as name from pg_stat_activity where application_name like 'lsb-worker-%' and state <> 'idle'");
      for (const row of rows) busy.add(row.name);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  for (const id of scenarioIds) {
    expect((await api<{ enrolled: number }>('POST', ws(`/scenarios/${id}/enrol`), { friendIds: friends.map((friend) => friend.id) })).enrolled).toBe(FRIENDS);
  }
  const deadline = Date.now() + 240_000;
  for (;;) {
    const { rows: [row] } = await database.pool.query<{ sent: number }>("select count(*)::int as sent from sends where status = 'sent'");
    if (row!.sent === FRIENDS * 4) break;
    if (Date.now() > deadline) throw new Error(`sent ${row!.sent} of ${FRIENDS * 4}\n${processes.map((p) => p.output()).join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  sampling = false;
  await sampler;

  const problems: string[] = [];
  for (const friend of friends as Friend[]) {
    const texts = line.fake.users.inbox(friend.lineUserId).map((entry) => (entry.message.type === 'text' ? entry.message.text : ''));
    const steps = texts.filter((text) => text === TEXTS.a || text.startsWith('B: '));
    const campaign = texts.filter((text) => text === TEXTS.c || text === TEXTS.d);
    if (texts.length !== 4 || JSON.stringify(steps) !== JSON.stringify([TEXTS.a, TEXTS.b(friend.displayName)]) || JSON.stringify(campaign) !== JSON.stringify([TEXTS.c, TEXTS.d])) {
      problems.push(`${friend.displayName} received ${JSON.stringify(texts)}`);
    }
  }
  expect(problems.slice(0, 10), `${problems.length} friends received the wrong messages`).toEqual([]);
  const requests = line.fake.requests.list().filter((request) => request.endpoint === 'push' || request.endpoint === 'multicast');
  // No 429: the shared budget kept the three under LINE's limits. A 409 would be a batch taken
  // again after its lease lapsed (a worker too slow to renew it): the same body, delivered once.
  expect(requests.filter((request) => request.status !== 200 && !(request.status === 409 && request.sameBodyAsAccepted))).toEqual([]);
  const accepted = requests.filter((request) => request.status === 200);
  expect(accepted.reduce((sum, request) => sum + (request.recipients ?? 0), 0)).toBe(FRIENDS * 4);
  process.stdout.write(`[three-workers] ${accepted.length} requests accepted, ${requests.length - accepted.length} answered 409\n`);
  // The API process took no work; every worker did some.
  expect([...busy].sort()).toEqual(['lsb-worker-1', 'lsb-worker-2', 'lsb-worker-3']);
}, 300_000);
