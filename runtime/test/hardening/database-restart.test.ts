import { mkdtempSync, chmodSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createPool } from '../../src/db/pool.ts';
import { signWebhookBody } from '../../src/line/signature.ts';
import { startSlowFakeLine, type SlowFakeLine } from '../crash/slow-fake-line.ts';
import { apiClient, campaignScenario, insertFriends, seededRandom, stepsScenario, TEXTS } from '../crash/workload.ts';
import { startServerProcess, type ServerProcess } from '../server/start-process.ts';
import { freePort } from '../support/free-port.ts';

// Issue 10.1: the embedded PostgreSQL's postmaster is SIGKILLed while friends are being sent to.
// The runtime stays up, says the database is down (health 503, the webhook 503 so LINE redelivers),
// restarts PostgreSQL itself, and every friend still gets every message exactly once.

const FRIENDS = 120;
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'lsb-pgrestart-'));
chmodSync(dataDir, 0o755);
let line: SlowFakeLine;
let server: ServerProcess;
let pool: pg.Pool | undefined;

beforeAll(async () => { line = await startSlowFakeLine(20); });
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  await pool?.end().catch(() => {});
  await line?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n')[0]);

test('a killed embedded PostgreSQL is restarted by the runtime and no message is lost or sent twice', async () => {
  const pgPort = await freePort();
  server = startServerProcess({ DATA_DIR: dataDir, PORT: '0', EMBEDDED_PG_PORT: String(pgPort), LINE_API_BASE_URL: line.url, LOG_LEVEL: 'warn' });
  const url = await server.ready;
  const password = readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  expect(password).toMatch(/^[0-9a-f]{48}$/); // random, not the old fixed 'postgres'
  pool = createPool(`postgres://postgres:${password}@127.0.0.1:${pgPort}/postgres`, 2);

  const api = apiClient(url);
  const workspace = await api<{ id: string }>('POST', '/api/workspaces', { name: 'Restart' });
  const ws = (route: string) => `/api/workspaces/${workspace.id}${route}`;
  const secret = 'c'.repeat(32);
  const channel = await api<{ id: string }>('POST', ws('/channels'), {
    name: 'Restart channel', lineChannelId: '1234567890', channelSecret: secret, channelAccessToken: `token-${'x'.repeat(40)}`,
  });
  const scenarioIds: string[] = [];
  for (const [name, graph] of [['steps', stepsScenario()], ['campaign', campaignScenario()]] as const) {
    const scenario = await api<{ id: string }>('POST', ws('/scenarios'), { name, graph });
    await api('POST', ws(`/scenarios/${scenario.id}/publish`));
    scenarioIds.push(scenario.id);
  }
  const friends = await insertFriends(pool, workspace.id, channel.id, FRIENDS, seededRandom(7));
  for (const id of scenarioIds) await api('POST', ws(`/scenarios/${id}/enrol`), { friendIds: friends.map((f) => f.id) });

  // Mid-run: wait for the first deliveries, then kill the postmaster outright.
  await until(30_000, async () => line.fake.requests.list().length > 0);
  const killed = postmasterPid();
  process.kill(killed, 'SIGKILL');

  // The kill takes a moment to reach the pool: the health check says so as soon as it sees it.
  let health: { status: number; body: unknown } = { status: 0, body: null };
  await until(30_000, async () => {
    const response = await fetch(`${url}/api/health`);
    health = { status: response.status, body: await response.json() };
    return health.status === 503 && (health.body as { database?: string }).database === 'down';
  });
  expect(health.status).toBe(503);
  expect(health.body).toMatchObject({ database: 'down' });
  // A follow that must be stored: it cannot be answered 200 while the database is away.
  const follow = {
    type: 'follow', mode: 'active', timestamp: Date.now(), replyToken: 'r'.repeat(32), webhookEventId: '01RESTARTFOLLOW00000000000A',
    source: { type: 'user', userId: `U${'d'.repeat(32)}` }, deliveryContext: { isRedelivery: false }, follow: { isUnblocked: false },
  };
  const body = JSON.stringify({ destination: 'U00000000000000000000000000000000', events: [follow] });
  const webhook = await fetch(`${url}/webhooks/line/${channel.id}`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', 'x-line-signature': signWebhookBody(body, secret) },
  });
  // Down: 503, so LINE redelivers. The runtime may already have PostgreSQL back by the time the
  // POST's transaction gets a connection; then it is stored and answered 200. Never anything else.
  expect([200, 503]).toContain(webhook.status);

  // The runtime starts PostgreSQL again by itself and finishes the work.
  await until(60_000, async () => (await fetch(`${url}/api/health`)).status === 200);
  expect(postmasterPid()).not.toBe(killed);
  expect(server.child.exitCode).toBeNull();
  if (webhook.status === 503) {
    const redelivered = await fetch(`${url}/webhooks/line/${channel.id}`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', 'x-line-signature': signWebhookBody(body, secret) },
    });
    expect(redelivered.status).toBe(200);
  }
  await until(60_000, async () => (await pool!.query(`select 1 from friends where line_user_id = $1`, [follow.source.userId])).rowCount === 1);
  await until(120_000, async () => {
    const { rows: [row] } = await pool!.query<{ sent: number; unfinished: number }>(`select
      (select count(*)::int from sends where status = 'sent') as sent,
      (select count(*)::int from pgboss.job where state in ('created', 'retry', 'active')) as unfinished`);
    return row!.sent === FRIENDS * 4 && row!.unfinished === 0;
  });

  const wrong = friends.filter((friend) => {
    const texts = line.fake.users.inbox(friend.lineUserId).map((entry) => (entry.message.type === 'text' ? entry.message.text : ''));
    return JSON.stringify([...texts].sort()) !== JSON.stringify([TEXTS.a, TEXTS.b(friend.displayName), TEXTS.c, TEXTS.d].sort());
  });
  expect(wrong, server.output()).toEqual([]);
  expect(server.output()).toContain('the embedded PostgreSQL is running again');
}, 240_000);

async function until(ms: number, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await done().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`not done in ${ms} ms\n${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
