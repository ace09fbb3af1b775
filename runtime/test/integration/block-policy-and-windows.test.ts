import type { DeliveryWindowRule, TriggerData } from '@lsb/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, linearScenario, publishScenario, type Workspace } from '../webhook/harness.ts';

// The trigger's block policy and the workspace's 配信時間帯, on real PostgreSQL with pg-boss on the
// injected clock. 2026-04-04 is a Saturday; the clock starts Saturday 09:00 JST and only moves forward.

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-04T00:00:00.000Z' });
});
afterAll(() => t.close());

const trigger = (onBlock?: 'hold' | 'end'): TriggerData => ({ trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly', ...(onBlock ? { onBlock } : {}) });

async function friendIn(ws: Workspace, name: string) {
  const friend = await ws.api('POST', '/simulator/friends', { displayName: name });
  const texts = async (): Promise<string[]> => (await ws.api('GET', `/simulator/friends/${friend.id}/inbox`)).entries
    .flatMap((entry: { messages: Array<{ text?: string }> }) => entry.messages.map((m) => m.text ?? ''));
  const run = async () => (await ws.api('GET', `/friends/${friend.id}`)).runs[0] as { status: string; wakeAt: string | null };
  return { id: friend.id, texts, run };
}

describe('block policy on the trigger', () => {
  test.each<[string, 'hold' | 'end' | undefined, string]>([
    ['default (absent): held, and resumes on return', undefined, 'held'],
    ['end: the run ends at once and does not come back', 'end', 'stopped'],
  ])('%s', async (_name, onBlock, status) => {
    const ws = await createWorkspace(t, `block-${onBlock}`);
    await publishScenario(ws, 'block', linearScenario(trigger(onBlock), [{ send: 'ようこそ' }, { waitMinutes: 60 }, { send: '1時間後' }]));
    const f = await friendIn(ws, '加藤');
    await waitFor(t.clock, async () => (await f.run())?.status === 'waiting');
    await ws.api('POST', `/simulator/friends/${f.id}/block`);
    await waitFor(t.clock, async () => (await f.run()).status === status);
    await ws.api('POST', `/simulator/friends/${f.id}/unblock`);
    if (status === 'held') {
      await waitFor(t.clock, async () => (await f.run()).status === 'waiting');
    } else {
      const detail = await ws.api('GET', `/friends/${f.id}`);
      await waitFor(t.clock, async () => (await ws.api('GET', `/friends/${f.id}`)).status === 'active');
      // One entry for the stop, carrying the engine's reason (an earlier release wrote a second, bare run_stopped).
      const stops = detail.timeline.filter((e: { kind: string }) => e.kind === 'run_stopped');
      expect(stops).toHaveLength(1);
      expect(stops[0].detail).toMatchObject({ reason: 'blocked' });
      expect((await f.run()).status).toBe('stopped');
    }
  });
});

describe('workspace 配信時間帯', () => {
  const weekdayEvening: DeliveryWindowRule = { days: [1, 2, 3, 4, 5], from: '19:00', to: '21:00' };
  const patch = (ws: Workspace, deliveryWindows: DeliveryWindowRule[]) =>
    t.app.inject({ method: 'PATCH', url: `/api/workspaces/${ws.id}`, payload: { deliveryWindows } });

  test.each<[string, DeliveryWindowRule[], string]>([
    ['end before start', [{ days: [1], from: '21:00', to: '19:00' }], 'windowEndBeforeStart'],
    ['overlapping', [weekdayEvening, { days: [5], from: '20:00', to: '22:00' }], 'windowOverlap'],
    ['no day', [{ days: [], from: '10:00', to: '11:00' }], 'windowNoDays'],
  ])('refused whole when %s (nothing half-saved)', async (_name, rules, code) => {
    const ws = await createWorkspace(t, `bad-${code}`);
    expect((await patch(ws, [weekdayEvening])).statusCode).toBe(200);
    const response = await patch(ws, rules);
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'invalid_delivery_windows', details: { issues: [{ code }] } });
    expect((await ws.api('GET', '')).deliveryWindows).toEqual([weekdayEvening]);
  });

  test('a send with no wait before it is held until the window opens; a node that opts out goes at once', async () => {
    const ws = await createWorkspace(t, 'windows');
    expect((await patch(ws, [weekdayEvening])).json().deliveryWindows).toEqual([weekdayEvening]);
    const graph = linearScenario(trigger(), [{ send: 'ようこそ（平日夜）' }, { send: '今すぐ' }]);
    const optOut = graph.nodes.find((n) => n.id === 'n2')!;
    if (optOut.type === 'send') optOut.data.delivery = { mode: 'off' };
    await publishScenario(ws, 'windows', graph);
    const f = await friendIn(ws, '木村');
    // Saturday morning: the opted-out send goes now; the first waits for Monday 19:00 JST (10:00Z).
    await waitFor(t.clock, async () => (await f.texts()).length === 1);
    expect(await f.texts()).toEqual(['今すぐ']);
    await t.clock.setTime('2026-04-06T09:59:00.000Z');
    await t.clock.tick(5_000);
    expect(await f.texts()).toEqual(['今すぐ']);
    await t.clock.setTime('2026-04-06T10:00:00.000Z');
    await waitFor(t.clock, async () => (await f.texts()).length === 2);
    expect(await f.texts()).toEqual(['今すぐ', 'ようこそ（平日夜）']);
  });
});
