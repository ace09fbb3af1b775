import { afterAll, beforeAll, expect, test } from 'vitest';
import { enrolTick } from '../../src/jobs/enrol-tick.ts';
import { enrolChunk } from '../../src/runs/enrol.ts';
import { queueEnrolments, takeEnrolments } from '../../src/store/enrolments.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, linearScenario, newUserId, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// Queued enrolments are applied a chunk at a time by several loops at once (two per worker process,
// and every worker process). A friend queued twice for one scenario would sit in two chunks applied
// side by side, where neither transaction sees the other's run, and an "every time" scenario would
// start twice. A request leaves out the friends already queued for its scenario, which rules that out.

let t: TestApp;
let ws: Workspace;
let scenarioId: string;
const friendIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp(); // no workers: this test applies the queue itself, in parallel
  ws = await createWorkspace(t);
  scenarioId = await publishScenario(ws, 'campaign', linearScenario({ trigger: { kind: 'manual' }, reentry: 'everyTime' }, [{ send: 'A' }]));
  for (let i = 0; i < 40; i += 1) {
    const [friend] = await rows<{ id: string }>(t, `
      insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
      values ($1, $2, $3, $4, now()) returning id`, [ws.id, ws.channelId, newUserId(), `友だち${i}`]);
    friendIds.push(friend!.id);
  }
});
afterAll(() => t.close());

const queued = async () => (await rows<{ chunks: number; friends: number }>(t, `
  select count(*)::int as chunks, coalesce(sum(cardinality(friend_ids)), 0)::int as friends from pending_enrolments where scenario_id = $1`, [scenarioId]))[0]!;
const runsAndSends = () => rows<{ friend_id: string; runs: number; sends: number }>(t, `
  select f.id as friend_id,
    (select count(*)::int from runs r where r.friend_id = f.id and r.scenario_id = $2) as runs,
    -- A chunk's message goes out as a push per friend or, from ten friends up, in a cohort batch.
    (select count(*)::int from sends s where s.friend_id = f.id and s.scenario_id = $2)
      + (select count(*)::int from cohort_batch_members m join cohort_batches b on b.id = m.batch_id
         where f.id = any(m.friend_ids) and b.scenario_id = $2) as sends
  from friends f where f.workspace_id = $1`, [ws.id, scenarioId]);
// Four loops side by side, until the queue is empty.
const applyInParallel = async () => {
  const loop = async () => { while (await enrolTick(t.app.db, t.app.runContext)); };
  await Promise.all([loop(), loop(), loop(), loop()]);
};

test('a friend is queued once per scenario, and parallel loops start one run each', async () => {
  const everyone = { condition: { kind: 'and', conditions: [] } };
  // Chunks of 7, so that the four loops below have several to share.
  expect(await queueEnrolments(t.app.db, ws.id, scenarioId, { friendIds: friendIds.slice(0, 30) }, new Date(), 7)).toBe(30);
  expect(await queued()).toEqual({ chunks: 5, friends: 30 });
  // Asked again while the first request is still queued: only the friends not queued yet are queued.
  expect(await ws.api('POST', `/scenarios/${scenarioId}/enrol`, everyone)).toEqual({ enrolled: 10, skipped: 0 });
  expect(await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: friendIds.slice(0, 3) })).toEqual({ enrolled: 0, skipped: 3 });
  expect(await queued()).toEqual({ chunks: 6, friends: 40 });
  const chunked = await rows<{ friend_id: string }>(t, 'select unnest(friend_ids) as friend_id from pending_enrolments');
  expect(new Set(chunked.map((row) => row.friend_id))).toEqual(new Set(friendIds));

  await applyInParallel();
  const perFriend = await runsAndSends();
  expect(perFriend).toHaveLength(40);
  expect(perFriend.every((row) => row.runs === 1 && row.sends === 1)).toBe(true);
  expect(await queued()).toEqual({ chunks: 0, friends: 0 });

  // Applied, the request can be made again: an "every time" scenario starts a second pass.
  expect(await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: friendIds.slice(0, 2) })).toEqual({ enrolled: 2, skipped: 0 });
});

test('requests made side by side for one scenario queue each friend once', async () => {
  await applyInParallel();
  const before = new Map((await runsAndSends()).map((row) => [row.friend_id, row.runs]));
  // Overlapping halves, asked at the same moment: without the per-scenario lock both statements
  // would find the other's friends not yet queued.
  const requests = [friendIds.slice(0, 25), friendIds.slice(15, 40)].map((ids) => queueEnrolments(t.app.db, ws.id, scenarioId, { friendIds: ids }, new Date(), 4));
  const counts = await Promise.all(requests);
  expect(counts[0]! + counts[1]!).toBe(40);
  expect((await queued()).friends).toBe(40);
  await applyInParallel();
  for (const row of await runsAndSends()) expect(row.runs).toBe(before.get(row.friend_id)! + 1);
});

test('a chunk being applied holds its friends: a request meanwhile leaves them out', async () => {
  expect(await queueEnrolments(t.app.db, ws.id, scenarioId, { friendIds: friendIds.slice(0, 5) }, new Date(), 5)).toBe(5);
  let asked: number | undefined;
  await t.app.db.transaction(async (tx) => {
    const taken = await takeEnrolments(tx);
    expect([...taken!.friendIds].sort()).toEqual(friendIds.slice(0, 5).sort());
    expect(await enrolChunk(tx, t.app.runContext, taken!)).toBe(5);
    // The chunk is deleted and its runs started, neither committed: the request, on a connection of
    // its own, still sees the chunk, leaves its friends out, and waits for nothing.
    asked = await queueEnrolments(t.app.db, ws.id, scenarioId, { friendIds: friendIds.slice(0, 8) }, new Date());
  });
  expect(asked).toBe(3);
  expect(await queued()).toEqual({ chunks: 1, friends: 3 });
  await applyInParallel();
});

test('a queued request whose friend is gone or blocked, or whose scenario is gone, is taken and skipped; its neighbours are applied', async () => {
  // The queue keeps no keys (migration 0027): a friend deleted with its channel, or a scenario
  // deleted, after its request was queued leaves a row that names nothing. A friend who blocked
  // the account since is still there, and is not entered.
  await rows(t, 'delete from pending_enrolments');
  const [kept, gone, blocked] = friendIds.slice(10, 13) as [string, string, string];
  await rows(t, `insert into pending_enrolments (workspace_id, scenario_id, friend_ids, requested_at) values
    ($1, $4, array[$2, $3, $5]::uuid[], now()), ($1, gen_random_uuid(), array[$2]::uuid[], now())`, [ws.id, kept, gone, scenarioId, blocked]);
  await rows(t, 'delete from friends where id = $1', [gone]);
  await rows(t, "update friends set status = 'blocked' where id = $1", [blocked]);
  const blockedBefore = await rows<{ n: number }>(t, 'select count(*)::int as n from runs where friend_id = $1', [blocked]);
  const before = await rows<{ n: number }>(t, 'select count(*)::int as n from runs where friend_id = $1', [kept]);
  while (await enrolTick(t.app.db, t.app.runContext));
  expect(await rows(t, 'select 1 from pending_enrolments')).toHaveLength(0);
  const after = await rows<{ n: number }>(t, 'select count(*)::int as n from runs where friend_id = $1', [kept]);
  expect(after[0]!.n).toBe(before[0]!.n + 1);
  expect(await rows(t, 'select 1 from runs where friend_id = $1', [gone])).toHaveLength(0);
  expect(await rows(t, 'select count(*)::int as n from runs where friend_id = $1', [blocked])).toEqual(blockedBefore);
});
