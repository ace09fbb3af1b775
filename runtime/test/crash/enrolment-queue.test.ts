import { afterAll, beforeAll, expect, test } from 'vitest';
import { enrolTick } from '../../src/jobs/enrol-tick.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, linearScenario, newUserId, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// Queued enrolments are applied by several loops at once (two per worker process, and every worker
// process). A friend queued twice for one scenario would sit in two chunks applied side by side,
// where neither transaction sees the other's run, and an "every time" scenario would start twice.
// One queued enrolment per friend and scenario rules that out.

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

test('a friend is queued once per scenario, and parallel loops start one run each', async () => {
  const everyone = { condition: { kind: 'and', conditions: [] } };
  expect(await ws.api('POST', `/scenarios/${scenarioId}/enrol`, everyone)).toEqual({ enrolled: 40, skipped: 0 });
  // Asked again while the first request is still queued: nothing more is queued.
  expect(await ws.api('POST', `/scenarios/${scenarioId}/enrol`, everyone)).toEqual({ enrolled: 0, skipped: 0 });
  expect(await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: friendIds.slice(0, 3) })).toEqual({ enrolled: 0, skipped: 3 });
  const [queued] = await rows<{ n: number }>(t, 'select count(*)::int as n from pending_enrolments where scenario_id = $1', [scenarioId]);
  expect(queued!.n).toBe(40);

  // Four loops, chunks of 7, side by side, until the queue is empty.
  const loop = async () => { while (await enrolTick(t.app.db, t.app.runContext, 7)); };
  await Promise.all([loop(), loop(), loop(), loop()]);
  const perFriend = await rows<{ friend_id: string; runs: number; sends: number }>(t, `
    select f.id as friend_id,
      (select count(*)::int from runs r where r.friend_id = f.id and r.scenario_id = $2) as runs,
      (select count(*)::int from sends s where s.friend_id = f.id and s.scenario_id = $2) as sends
    from friends f where f.workspace_id = $1`, [ws.id, scenarioId]);
  expect(perFriend).toHaveLength(40);
  expect(perFriend.every((row) => row.runs === 1 && row.sends === 1)).toBe(true);
  expect((await rows(t, 'select 1 from pending_enrolments'))).toHaveLength(0);

  // Applied, the request can be made again: an "every time" scenario starts a second pass.
  expect(await ws.api('POST', `/scenarios/${scenarioId}/enrol`, { friendIds: friendIds.slice(0, 2) })).toEqual({ enrolled: 2, skipped: 0 });
});

test('a queued request whose friend or scenario is gone is taken and skipped; its neighbours are applied', async () => {
  // The queue keeps no keys (migration 0027): a friend deleted with its channel, or a scenario
  // deleted, after its request was queued leaves a row that names nothing.
  await rows(t, 'delete from pending_enrolments');
  const [kept, gone] = friendIds.slice(10, 12) as [string, string];
  await rows(t, `insert into pending_enrolments (workspace_id, friend_id, scenario_id, requested_at) values
    ($1, $2, $4, now()), ($1, $3, $4, now()), ($1, $2, gen_random_uuid(), now())`, [ws.id, kept, gone, scenarioId]);
  await rows(t, 'delete from friends where id = $1', [gone]);
  const before = await rows<{ n: number }>(t, 'select count(*)::int as n from runs where friend_id = $1', [kept]);
  while (await enrolTick(t.app.db, t.app.runContext, 7));
  expect(await rows(t, 'select 1 from pending_enrolments')).toHaveLength(0);
  const after = await rows<{ n: number }>(t, 'select count(*)::int as n from runs where friend_id = $1', [kept]);
  expect(after[0]!.n).toBe(before[0]!.n + 1);
  expect(await rows(t, 'select 1 from runs where friend_id = $1', [gone])).toHaveLength(0);
});
