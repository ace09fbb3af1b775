import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { capCounts, friendsOverCap, friendsWaitingForReply, takeCapSlots } from '../../src/store/caps.ts';
import { claimSendBatches } from '../../src/store/send-batches.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, linearScenario, newUserId, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// The sender's cap check on real PostgreSQL, without workers: sends rows written by hand, claims
// made by hand, concurrently. The clock: Monday 2026-04-06 09:00 JST.

const NOW = new Date('2026-04-06T00:00:00.000Z');
let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp({ start: NOW.toISOString() });
  ws = await createWorkspace(t, 'race');
  await ws.api('PATCH', '', { messageCaps: { perDay: 1, perWeek: null } });
});
afterAll(() => t.close());

async function friend(): Promise<string> {
  const id = randomUUID();
  await t.database.pool.query(
    'insert into friends (id, workspace_id, channel_id, line_user_id, display_name, registered_at) values ($1, $2, $3, $4, $5, $6)',
    [id, ws.id, ws.channelId, newUserId(), 'f', NOW],
  );
  return id;
}

async function queue(friendId: string, policy: 'hold' | 'skip' | 'always', opts: { status?: string; sentAt?: Date; nodeId?: string } = {}): Promise<string> {
  const id = randomUUID();
  await t.database.pool.query(
    `insert into sends (id, workspace_id, channel_id, friend_id, node_id, retry_key, messages, message_digest, due_at, cap_policy, status, sent_at)
     values ($1, $2, $3, $4, $5, $6, $7, 'd', $8, $9, $10, $11)`,
    [id, ws.id, ws.channelId, friendId, opts.nodeId ?? `n-${id}`, randomUUID(), JSON.stringify([{ type: 'text', text: 'x' }]), NOW, policy, opts.status ?? 'queued', opts.sentAt ?? null],
  );
  return id;
}

const statusOf = async (id: string) => (await rows<{ status: string; due_at: Date }>(t, 'select status, due_at from sends where id = $1', [id]))[0]!;
const lease = new Date(NOW.getTime() + 15_000);

test('two claims racing for a friend\'s last slot: the second leaves the row queued while the first decides, then finds the slot taken', async () => {
  const f = await friend();
  const a = await queue(f, 'skip');
  const b = await queue(f, 'skip');
  // The friend's lock row exists from their first capped claim on. (Created by two claims at once,
  // the second's insert waits the moment until the first commits: here A waits for B on purpose.)
  await t.database.pool.query('insert into friend_cap_locks (friend_id, workspace_id) values ($1, $2)', [f, ws.id]);
  const db = t.app.db;
  // Claim A takes the friend's lock and the slot, and has not committed yet.
  let releaseA!: () => void;
  const aHolds = new Promise<void>((resolve) => { releaseA = resolve; });
  let aDecided!: () => void;
  const aReady = new Promise<void>((resolve) => { aDecided = resolve; });
  const claimA = db.transaction(async (tx) => {
    const decisions = await takeCapSlots(tx, [{ id: a, friendId: f, workspaceId: ws.id, capPolicy: 'skip' }], NOW);
    expect(decisions.withheld.size).toBe(0);
    await tx.execute(sql`update sends set status = 'sending' where id = ${a}`);
    aDecided();
    await aHolds;
  });
  await aReady;
  // Claim B, meanwhile: the friend is being decided elsewhere, so B leaves the row queued.
  const during = await db.transaction((tx) => takeCapSlots(tx, [{ id: b, friendId: f, workspaceId: ws.id, capPolicy: 'skip' }], NOW));
  expect([...during.withheld]).toEqual([b]);
  expect(during.skipped).toEqual([]);
  expect((await statusOf(b)).status).toBe('queued');
  releaseA();
  await claimA;
  // B's next pass sees A's send in flight: over the cap, and B says skip.
  const after = await db.transaction((tx) => takeCapSlots(tx, [{ id: b, friendId: f, workspaceId: ws.id, capPolicy: 'skip' }], NOW));
  expect(after.skipped).toEqual([b]);
  expect((await statusOf(b)).status).toBe('skipped');
});

test('many concurrent sender claims: each friend gets exactly its one slot; the rest are held to tomorrow or skipped', async () => {
  const friends = await Promise.all(Array.from({ length: 12 }, () => friend()));
  const byFriend = new Map<string, string[]>();
  for (const f of friends) byFriend.set(f, [await queue(f, 'hold', { nodeId: 'same' }), await queue(f, 'skip', { nodeId: 'same' }), await queue(f, 'always', { nodeId: 'same' })]);
  const claimed = new Set<string>();
  for (let pass = 0; pass < 20; pass++) {
    const results = await Promise.all(Array.from({ length: 4 }, () => claimSendBatches(t.app.db, NOW, lease, { rows: 5, batches: 50 })));
    const ids = results.flat().flatMap((batch) => batch.members.map((m) => m.id));
    for (const id of ids) { expect(claimed.has(id)).toBe(false); claimed.add(id); }
    // Settle what was claimed, as the sender would after LINE accepts.
    if (ids.length) await t.database.pool.query("update sends set status = 'sent', sent_at = $2 where id = any($1::uuid[])", [ids, NOW]);
    if ((await rows(t, "select 1 from sends where status = 'queued' and due_at <= $1 and friend_id = any($2::uuid[])", [NOW, friends])).length === 0) break;
  }
  for (const [, [hold, skip, always]] of byFriend) {
    // The first row took the day's only slot; the skip row was skipped; always went regardless.
    expect((await statusOf(hold!)).status).toBe('sent');
    expect((await statusOf(skip!)).status).toBe('skipped');
    expect((await statusOf(always!)).status).toBe('sent');
  }
  const counts = await capCounts(t.app.db, friends, NOW);
  for (const f of friends) expect(counts.get(f)).toMatchObject({ perDay: 1, today: 2, thisWeek: 2 });
});

test('a held row is due again at the next day in the workspace zone, within its delivery windows', async () => {
  await ws.api('PATCH', '', { deliveryWindows: [{ days: [1, 2, 3, 4, 5, 6, 7], from: '09:00', to: '21:00' }] });
  const f = await friend();
  await queue(f, 'hold', { status: 'sent', sentAt: NOW });
  const held = await queue(f, 'hold');
  const batches = await claimSendBatches(t.app.db, NOW, lease, { rows: 10, batches: 10 });
  expect(batches.flatMap((batch) => batch.members.map((m) => m.id))).not.toContain(held);
  // Tuesday 09:00 JST: the day starts at 00:00, the window opens at 09:00.
  expect((await statusOf(held)).due_at.toISOString()).toBe('2026-04-07T00:00:00.000Z');
  const [entry] = await rows<{ detail: { outcome: string; until: string } }>(t, "select detail from timeline_entries where friend_id = $1 and kind = 'send_capped'", [f]);
  expect(entry!.detail).toMatchObject({ outcome: 'held', until: '2026-04-07T00:00:00.000Z' });
  await ws.api('PATCH', '', { deliveryWindows: [] });
});

test('friendsOverCap counts sent and in-flight sends of the period (ids or a recipients query); friendsWaitingForReply finds conversations', async () => {
  const [full, inFlight, yesterday, free] = await Promise.all([friend(), friend(), friend(), friend()]);
  await queue(full, 'hold', { status: 'sent', sentAt: new Date('2026-04-05T23:00:00.000Z') }); // Monday 08:00 JST
  await queue(inFlight, 'hold', { status: 'sending' });
  await queue(yesterday, 'hold', { status: 'sent', sentAt: new Date('2026-04-05T14:59:00.000Z') }); // Sunday 23:59 JST
  await queue(free, 'hold'); // queued only: not sent yet
  const set = [full, inFlight, yesterday, free];
  expect(await friendsOverCap(t.app.db, ws.id, set, NOW)).toEqual(new Set([full, inFlight]));
  const viaQuery = await friendsOverCap(t.app.db, ws.id, sql`select unnest(${sql.param(set)}::uuid[])`, NOW);
  expect(viaQuery).toEqual(new Set([full, inFlight]));

  const scenarioId = await publishScenario(ws, 'conversation', linearScenario({ trigger: { kind: 'manual' }, reentry: 'everyTime' }, [{ send: 'x' }]));
  const [{ id: versionId }] = await rows<{ id: string }>(t, 'select id from scenario_versions where scenario_id = $1', [scenarioId]) as [{ id: string }];
  const run = (friendId: string, status: string, waitingFor: object | null) => t.database.pool.query(
    `insert into runs (id, workspace_id, friend_id, scenario_id, version_id, status, state, started_at) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [randomUUID(), ws.id, friendId, scenarioId, versionId, status, JSON.stringify({ currentNodeId: 'w', wakeAt: null, visits: {}, seed: 1, waitingFor }), NOW],
  );
  await run(full, 'waiting', { event: 'replied' });
  await run(inFlight, 'waiting', { event: 'profile' });
  await run(yesterday, 'waiting', null);
  await run(free, 'held', { event: 'replied' });
  expect(await friendsWaitingForReply(t.app.db, ws.id, set)).toEqual(new Set([full]));
});
