import { afterAll, beforeAll, expect, test } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { simulatedTime } from '@lsb/shared/api';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, rows, type Workspace } from '../webhook/harness.ts';

// A virtual friend's own clock: fast-forward moves it to the next due moment, and from then on the
// engine lives at the friend's time (the next wait is planned from it, date conditions read it),
// while other friends stay on the real clock.

let t: TestApp;
let ws: Workspace;
const realStart = '2026-04-30T00:00:00.000Z'; // 4/30 09:00 in Tokyo

function birthdayScenario(fieldId: string): FlowGraph {
  const at = (y: number) => ({ x: 0, y });
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'n0', type: 'trigger', position: at(0), data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'n1', type: 'setField', position: at(100), data: { op: 'set', fieldId, value: '2000-05-15' } },
      { id: 'n2', type: 'send', position: at(200), data: { messages: [{ type: 'text', text: 'ようこそ' }] } },
      { id: 'n3', type: 'wait', position: at(300), data: { mode: 'dayAt', days: 1, time: '10:00' } },
      {
        id: 'n4', type: 'branch', position: at(400),
        data: { cases: [{ id: 'bday', label: '誕生月', condition: { kind: 'birthdayMonth', fieldId, month: 'current' } }] },
      },
      { id: 'n5', type: 'send', position: at(500), data: { messages: [{ type: 'text', text: 'お誕生月おめでとう' }] } },
      { id: 'n6', type: 'send', position: at(500), data: { messages: [{ type: 'text', text: '通常のご案内' }] } },
      { id: 'n7', type: 'wait', position: at(600), data: { mode: 'dayAt', days: 1, time: '10:00' } },
      { id: 'n8', type: 'send', position: at(700), data: { messages: [{ type: 'text', text: '翌日のご案内' }] } },
    ],
    edges: [
      { id: 'e0', source: 'n0', sourceHandle: 'next', target: 'n1' },
      { id: 'e1', source: 'n1', sourceHandle: 'next', target: 'n2' },
      { id: 'e2', source: 'n2', sourceHandle: 'next', target: 'n3' },
      { id: 'e3', source: 'n3', sourceHandle: 'next', target: 'n4' },
      { id: 'e4', source: 'n4', sourceHandle: 'bday', target: 'n5' },
      { id: 'e5', source: 'n4', sourceHandle: 'else', target: 'n6' },
      { id: 'e6', source: 'n5', sourceHandle: 'next', target: 'n7' },
      { id: 'e7', source: 'n6', sourceHandle: 'next', target: 'n7' },
      { id: 'e8', source: 'n7', sourceHandle: 'next', target: 'n8' },
    ],
  };
}

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: realStart });
  ws = await createWorkspace(t);
  const field = await ws.api('POST', '/fields', { name: '誕生日', kind: 'date' });
  const scenario = await ws.api('POST', '/scenarios', { name: '誕生月', graph: birthdayScenario(field.id) });
  await ws.api('POST', `/scenarios/${scenario.id}/publish`);
});
afterAll(() => t.close());

const runOf = async (friendId: string) =>
  (await rows<{ current_node_id: string; wake_at: Date; step_seq: number; id: string }>(t, 'select * from runs where friend_id = $1', [friendId]))[0]!;
const wakeJobsOf = async (runId: string) =>
  rows<{ start_after: Date; data: { stepSeq: number } }>(t, "select start_after, data from pgboss.job where name = 'run-wake' and data->>'runId' = $1 order by start_after", [runId]);

test("fast-forward moves only that friend's clock: the next wait and the birthday month are the friend's", async () => {
  const traveller = await ws.api('POST', '/simulator/friends', { displayName: '旅人' });
  const stayer = await ws.api('POST', '/simulator/friends', { displayName: '留守番' });
  await waitFor(t.clock, async () => inboxTexts(t, traveller.lineUserId).length === 1 && inboxTexts(t, stayer.lineUserId).length === 1);
  // Followed on 4/30 (Tokyo): "1日後の10:00" is 5/1 10:00 Tokyo for both.
  expect((await runOf(traveller.id)).wake_at.toISOString()).toBe('2026-05-01T01:00:00.000Z');

  const forwarded = await ws.api('POST', `/simulator/friends/${traveller.id}/fast-forward`);
  expect(forwarded).toEqual({ fired: 1, simulatedNow: '2026-05-01T01:00:00.000Z', offsetMs: Date.parse('2026-05-01T01:00:00.000Z') - t.clock.now() });

  // Woken at the friend's 5/1 10:00: May is the birthday month there (it is still April in real time).
  await waitFor(t.clock, async () => inboxTexts(t, traveller.lineUserId).length === 2);
  expect(inboxTexts(t, traveller.lineUserId)).toEqual(['ようこそ', 'お誕生月おめでとう']);

  // The next "1日後の10:00" is planned from the friend's 5/1, not from the real 4/30.
  await waitFor(t.clock, async () => (await runOf(traveller.id)).current_node_id === 'n7');
  const run = await runOf(traveller.id);
  expect(run.wake_at.toISOString()).toBe('2026-05-02T01:00:00.000Z');
  // The queue runs on the real clock: the job is due at the friend's 5/2 10:00 minus the offset.
  const jobs = await wakeJobsOf(run.id);
  const latest = jobs.find((job) => job.data.stepSeq === run.step_seq)!;
  expect(latest.start_after.getTime()).toBe(Date.parse('2026-05-02T01:00:00.000Z') - forwarded.offsetMs);

  // A second fast-forward moves the clock on to 5/2 10:00 and delivers the last step.
  const again = await ws.api('POST', `/simulator/friends/${traveller.id}/fast-forward`);
  expect(again).toMatchObject({ fired: 1, simulatedNow: '2026-05-02T01:00:00.000Z' });
  await waitFor(t.clock, async () => inboxTexts(t, traveller.lineUserId).length === 3);
  expect(inboxTexts(t, traveller.lineUserId)).toEqual(['ようこそ', 'お誕生月おめでとう', '翌日のご案内']);

  // The other friend never moved: still on the real clock, still waiting for the real 5/1 10:00.
  const [other] = await rows<{ clock_offset_ms: string }>(t, 'select clock_offset_ms from friends where id = $1', [stayer.id]);
  expect(Number(other!.clock_offset_ms)).toBe(0);
  expect((await runOf(stayer.id)).wake_at.toISOString()).toBe('2026-05-01T01:00:00.000Z');
  expect(inboxTexts(t, stayer.lineUserId)).toEqual(['ようこそ']);
});

test("the inbox carries the friend's clock, so the chat shows each message at the friend's time then", async () => {
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '時計' });
  await waitFor(t.clock, async () => inboxTexts(t, friend.lineUserId).length === 1);
  const forwarded = await ws.api('POST', `/simulator/friends/${friend.id}/fast-forward`);
  await waitFor(t.clock, async () => inboxTexts(t, friend.lineUserId).length === 2);

  const inbox = await ws.api('GET', `/simulator/friends/${friend.id}/inbox`);
  expect(inbox.clock.offsetMs).toBe(forwarded.offsetMs);
  expect(inbox.clock.shifts).toHaveLength(1);
  const [welcome, afterJump] = inbox.entries.map((entry: { at: string }) => simulatedTime(entry.at, inbox.clock.shifts).getTime());
  // The welcome keeps its real moment (before the jump); the next message is at the friend's 5/1 10:00.
  expect(welcome).toBe(Date.parse(inbox.entries[0].at));
  expect(afterJump).toBeGreaterThanOrEqual(Date.parse('2026-05-01T01:00:00.000Z'));
  expect(afterJump).toBeLessThan(Date.parse('2026-05-01T01:01:00.000Z'));
});

test('with nothing waiting, fast-forward leaves the clock where it is', async () => {
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '静か' });
  await waitFor(t.clock, async () => inboxTexts(t, friend.lineUserId).length === 1);
  await ws.api('POST', `/simulator/friends/${friend.id}/fast-forward`);
  await waitFor(t.clock, async () => (await runOf(friend.id)).current_node_id === 'n7');
  await ws.api('POST', `/simulator/friends/${friend.id}/fast-forward`);
  await waitFor(t.clock, async () => (await rows(t, "select 1 from runs where friend_id = $1 and status = 'finished'", [friend.id])).length === 1);
  const before = await ws.api('GET', `/simulator/friends/${friend.id}/inbox`);
  expect(await ws.api('POST', `/simulator/friends/${friend.id}/fast-forward`)).toMatchObject({ fired: 0, offsetMs: before.clock.offsetMs });
  expect((await ws.api('GET', `/simulator/friends/${friend.id}/inbox`)).clock.shifts).toHaveLength(2);
});
