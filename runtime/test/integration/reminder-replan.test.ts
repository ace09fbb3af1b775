import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, publishScenario, type Workspace } from '../webhook/harness.ts';

// Seminar reminder 「予約日の前日 18:00」 on real PostgreSQL with pg-boss on the injected clock.
// The scenario writes 予約日 = 2026-04-10 on follow, so the reminder is due 2026-04-09 18:00 JST
// (09:00Z). Then 予約日 changes by hand (friend API) or from another scenario (set-field node).

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-01T00:00:00.000Z' });
});
afterAll(() => t.close());

const REMINDER = '明日はセミナーです';
const NO_DATE = '予約日が未設定か、過ぎています';

interface Setup { ws: Workspace; booking: string; friendId: string; texts(): Promise<string[]>; run(): Promise<{ status: string; wakeAt: string | null }> }

/** 予約日の前日 18:00 JST as UTC. */
const reminderFor = (date: string) => new Date(Date.parse(`${date}T09:00:00.000Z`) - 86_400_000).toISOString();

// The clock only moves forward through this file (pg-boss's timers assume it), so the tests run in
// date order, each with its own workspace and 予約日.
async function setup(name: string, initial: string): Promise<Setup> {
  const ws = await createWorkspace(t, name);
  const booking = (await ws.api('POST', '/fields', { name: '予約日', kind: 'date' })).id;
  const graph = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'save', type: 'setField', position: { x: 0, y: 100 }, data: { op: 'set', fieldId: booking, value: initial } },
      { id: 'w', type: 'wait', position: { x: 0, y: 200 }, data: { mode: 'relativeToField', fieldId: booking, offsetDays: -1, time: '18:00' } },
      { id: 'remind', type: 'send', position: { x: 0, y: 300 }, data: { messages: [{ type: 'text', text: REMINDER }] } },
      { id: 'skip', type: 'send', position: { x: 200, y: 300 }, data: { messages: [{ type: 'text', text: NO_DATE }] } },
    ],
    edges: [
      { id: 'e1', source: 't', sourceHandle: 'next', target: 'save' },
      { id: 'e2', source: 'save', sourceHandle: 'next', target: 'w' },
      { id: 'e3', source: 'w', sourceHandle: 'next', target: 'remind' },
      { id: 'e4', source: 'w', sourceHandle: 'skipped', target: 'skip' },
    ],
  } as FlowGraph;
  const scenarioId = await publishScenario(ws, 'セミナーリマインド', graph);
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '田中' });
  const texts = async (): Promise<string[]> => (await ws.api('GET', `/simulator/friends/${friend.id}/inbox`)).entries
    .flatMap((entry: { messages: Array<{ text?: string }> }) => entry.messages.map((m) => m.text ?? ''));
  const run = async () => (await ws.api('GET', `/friends/${friend.id}`)).runs.find((r: { scenarioId: string }) => r.scenarioId === scenarioId);
  await waitFor(t.clock, async () => (await run())?.status === 'waiting');
  expect((await run()).wakeAt).toBe(reminderFor(initial));
  return { ws, booking, friendId: friend.id, texts, run };
}

const setBooking = (s: Setup, value: string | null) =>
  t.app.inject({ method: 'PUT', url: `/api/workspaces/${s.ws.id}/friends/${s.friendId}/fields`, payload: { values: { [s.booking]: value } } });

describe('the reminder follows 予約日', () => {
  test('moved earlier: the reminder comes earlier, and the old wake-up is stale', async () => {
    const s = await setup('earlier', '2026-04-10');
    const response = await setBooking(s, '2026-04-05');
    expect(response.statusCode, response.body).toBe(200);
    // The wake time the UI shows changed in the same request.
    expect(response.json().runs[0]).toMatchObject({ status: 'waiting', wakeAt: '2026-04-04T09:00:00.000Z' });
    await t.clock.setTime('2026-04-04T08:59:00.000Z');
    await t.clock.tick(5_000);
    expect(await s.texts()).toEqual([]);
    await t.clock.setTime('2026-04-04T09:00:00.000Z');
    await waitFor(t.clock, async () => (await s.texts()).length === 1);
    // The original 9 April wake-up fires into a finished run: still exactly one message.
    await t.clock.setTime('2026-04-09T09:00:00.000Z');
    await t.clock.tick(5_000);
    expect(await s.texts()).toEqual([REMINDER]);
  });

  test.each<[string, string | null]>([
    ['moved so the reminder is in the past (予約日 is tomorrow, 18:00 today has passed)', '2026-04-10'],
    ['cleared', null],
  ])('%s: leaves by the “no date / passed” exit at once', async (_name, value) => {
    await t.clock.setTime('2026-04-09T10:00:00.000Z'); // 19:00 JST on 9 April
    const s = await setup(`skip-${value}`, '2026-04-20');
    const response = await setBooking(s, value);
    expect(response.statusCode, response.body).toBe(200);
    await waitFor(t.clock, async () => (await s.texts()).length === 1);
    expect(await s.texts()).toEqual([NO_DATE]);
    expect((await s.run()).status).toBe('finished');
  });

  test('changed by another scenario’s set-field node: re-planned in that step’s transaction', async () => {
    const s = await setup('set-field', '2026-04-20');
    const tag = (await s.ws.api('POST', '/tags', { name: '日程変更' })).id;
    await publishScenario(s.ws, '日程変更', {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'tagAdded', tagId: tag }, reentry: 'everyTime' } },
        { id: 'save', type: 'setField', position: { x: 0, y: 100 }, data: { op: 'set', fieldId: s.booking, value: '2026-04-30' } },
      ],
      edges: [{ id: 'e1', source: 't', sourceHandle: 'next', target: 'save' }],
    } as FlowGraph);
    await s.ws.api('POST', `/friends/${s.friendId}/tags`, { add: [tag] });
    const moved = await waitFor(t.clock, async () => {
      const run = await s.run();
      return run.wakeAt === '2026-04-29T09:00:00.000Z' ? run : undefined;
    });
    expect(moved.status).toBe('waiting');
  });

  test.each<[string, unknown]>([
    ['not a date', '来週'],
    ['an impossible date', '2026-02-30'],
    ['a number', 20260410],
  ])('bad input, %s: 400 invalid_field_value, nothing saved, nothing re-planned', async (_name, value) => {
    const s = await setup(`bad-${String(value)}`, '2026-04-20');
    const response = await setBooking(s, value as string);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_field_value', details: { fields: { [s.booking]: 'notDate' } } });
    const detail = await s.ws.api('GET', `/friends/${s.friendId}`);
    expect(detail.fields[s.booking]).toBe('2026-04-20');
    expect(detail.runs[0]).toMatchObject({ status: 'waiting', wakeAt: '2026-04-19T09:00:00.000Z' });
  });

  test('changed while blocked: the held run keeps still, and re-plans when the friend returns', async () => {
    const s = await setup('blocked', '2026-04-20');
    await s.ws.api('POST', `/simulator/friends/${s.friendId}/block`);
    await waitFor(t.clock, async () => (await s.run()).status === 'held');
    expect((await setBooking(s, '2026-04-22')).statusCode).toBe(200);
    expect(await s.run()).toMatchObject({ status: 'held', wakeAt: '2026-04-19T09:00:00.000Z' });
    await s.ws.api('POST', `/simulator/friends/${s.friendId}/unblock`);
    const resumed = await waitFor(t.clock, async () => {
      const run = await s.run();
      return run.status === 'waiting' && run.wakeAt === '2026-04-21T09:00:00.000Z' ? run : undefined;
    });
    expect(resumed).toBeDefined();
  });

  test('moved later: nothing at the old time, the reminder once at the new time', async () => {
    const s = await setup('later', '2026-04-20');
    expect((await setBooking(s, '2026-04-25')).json().runs[0].wakeAt).toBe('2026-04-24T09:00:00.000Z');
    await t.clock.setTime('2026-04-19T09:00:00.000Z');
    await t.clock.tick(5_000);
    expect(await s.texts()).toEqual([]);
    await t.clock.setTime('2026-04-24T09:00:00.000Z');
    await waitFor(t.clock, async () => (await s.texts()).length === 1);
    await waitFor(t.clock, async () => (await s.run()).status === 'finished');
    await t.clock.tick(5_000);
    expect(await s.texts()).toEqual([REMINDER]);
  });
});
