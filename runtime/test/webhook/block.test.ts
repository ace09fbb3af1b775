import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ReentryPolicy } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, linearScenario, publishScenario, rows, sendRequests, type Workspace } from './harness.ts';

// Unfollow (block) in the middle of a step scenario, then follow again (unblock), through the
// simulator: each action is a signed webhook processed by the real workers, on a hand-moved clock.

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-01T00:00:00.000Z' });
});
afterAll(() => t.close());

/** Lets the workers run with nothing to wait for, to show that nothing more happens. */
async function settle() {
  for (let round = 0; round < 30; round++) {
    await t.clock.tick(100);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function scenarioWithBlockedFriend(reentry: ReentryPolicy) {
  const ws: Workspace = await createWorkspace(t, `block ${reentry}`);
  const scenarioId = await publishScenario(ws, reentry, linearScenario(
    { trigger: { kind: 'friendAdded', includeReturning: true }, reentry },
    [{ send: `${reentry}: ようこそ` }, { waitDayAt: { days: 1, time: '10:00' } }, { send: `${reentry}: 2日目のお知らせ` }],
  ));
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '山田' });
  const inbox = () => inboxTexts(t, friend.lineUserId);
  await waitFor(t.clock, async () => inbox().length === 1);
  await waitFor(t.clock, async () => (await rows(t, "select 1 from sends where friend_id = $1 and status = 'sent'", [friend.id])).length === 1);
  const [run] = await waitFor(t.clock, async () => {
    const detail = await ws.api('GET', `/friends/${friend.id}`);
    return detail.runs[0]?.status === 'waiting' ? detail.runs : undefined;
  });

  // A send written by a step but not yet handed to LINE: due later than the block.
  const sendId = randomUUID();
  await t.database.pool.query(
    `insert into sends (id, workspace_id, channel_id, friend_id, run_id, scenario_id, node_id, visit, retry_key, messages, message_digest, due_at)
     values ($1, $2, $3, $4, $5, $6, 'pending', 1, $7, $8, 'pending', $9)`,
    [sendId, ws.id, friend.channelId, friend.id, run.id, scenarioId, randomUUID(), JSON.stringify([{ type: 'text', text: 'まだ送っていない' }]), new Date(t.clock.now() + 60_000)],
  );

  const requestsBefore = sendRequests(t).length;
  await ws.api('POST', `/simulator/friends/${friend.id}/block`);
  const blocked = await waitFor(t.clock, async () => {
    const detail = await ws.api('GET', `/friends/${friend.id}`);
    return detail.status === 'blocked' ? detail : undefined;
  });

  expect(blocked.runs).toMatchObject([{ id: run.id, status: 'held' }]);
  expect(blocked.timeline.map((entry: { kind: string }) => entry.kind)).toContain('blocked');
  expect((await rows(t, 'select status from sends where id = $1', [sendId]))[0]).toEqual({ status: 'cancelled' });
  // Fast-forward skips held runs, and a day of fast time passes: the wake tick leaves the held run
  // alone and the sender the cancelled send; neither sends anything.
  expect(await ws.api('POST', `/simulator/friends/${friend.id}/fast-forward`)).toMatchObject({ fired: 0 });
  await t.clock.setTime(Date.parse(run.wakeAt) + 60 * 60_000);
  await settle();
  expect(inbox()).toEqual([`${reentry}: ようこそ`]);
  expect(sendRequests(t)).toHaveLength(requestsBefore);
  const still = await ws.api('GET', `/friends/${friend.id}`);
  expect(still.runs).toMatchObject([{ id: run.id, status: 'held' }]);
  expect((await rows(t, 'select status from sends where id = $1', [sendId]))[0]).toEqual({ status: 'cancelled' });

  return { ws, friend, run, inbox };
}

test('firstTimeOnly: unfollow holds the run and cancels queued sends; re-follow resumes the held run without restarting', async () => {
  // 09:00 JST: the second message is due "1日後の10:00", 2 April 01:00 UTC.
  const { ws, friend, run, inbox } = await scenarioWithBlockedFriend('firstTimeOnly');
  expect(run.wakeAt).toBe('2026-04-02T01:00:00.000Z');

  await ws.api('POST', `/simulator/friends/${friend.id}/unblock`);
  // The wait fell due while blocked, so the resumed run sends its next message now, once.
  await waitFor(t.clock, async () => inbox().length === 2);
  const detail = await waitFor(t.clock, async () => {
    const current = await ws.api('GET', `/friends/${friend.id}`);
    return current.runs[0]?.status === 'finished' ? current : undefined;
  });
  await settle();
  expect(inbox()).toEqual(['firstTimeOnly: ようこそ', 'firstTimeOnly: 2日目のお知らせ']);
  expect(detail.status).toBe('active');
  expect(detail.runs).toMatchObject([{ id: run.id, status: 'finished' }]);
  expect(detail.timeline.map((entry: { kind: string }) => entry.kind)).toContain('unblocked');
});

test('everyTime: re-follow stops the held run and starts the scenario again from its trigger', async () => {
  await t.clock.setTime('2026-04-03T00:00:00.000Z');
  const { ws, friend, run, inbox } = await scenarioWithBlockedFriend('everyTime');
  const restartedAt = t.clock.now();

  await ws.api('POST', `/simulator/friends/${friend.id}/unblock`);
  await waitFor(t.clock, async () => inbox().length === 2);
  const detail = await waitFor(t.clock, async () => {
    const current = await ws.api('GET', `/friends/${friend.id}`);
    return current.runs.length === 2 && current.runs.some((r: { status: string }) => r.status === 'waiting') ? current : undefined;
  });
  await settle();
  // The welcome again, and not the old run's overdue day-two message.
  expect(inbox()).toEqual(['everyTime: ようこそ', 'everyTime: ようこそ']);
  const old = detail.runs.find((r: { id: string }) => r.id === run.id);
  const fresh = detail.runs.find((r: { id: string }) => r.id !== run.id);
  expect(old.status).toBe('stopped');
  expect(fresh).toMatchObject({ status: 'waiting', currentNodeId: 'n2' });
  expect(Date.parse(fresh.wakeAt)).toBeGreaterThan(restartedAt);

  // The new pass goes on as usual: its own day-two message at its own time, once.
  await t.clock.setTime(fresh.wakeAt);
  await waitFor(t.clock, async () => inbox().length === 3);
  await settle();
  expect(inbox()).toEqual(['everyTime: ようこそ', 'everyTime: ようこそ', 'everyTime: 2日目のお知らせ']);
});
