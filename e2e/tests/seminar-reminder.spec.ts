import { expect, test } from '../support/fixtures.ts';
import type { FlowGraph } from '@lsb/shared';
import { finalScreenshot } from '../support/editor.ts';
import { createScenario, createWorkspace, expectInboxExactly, publish } from '../support/runtime.ts';
import { addFriend, botTexts, fastForward, friendView, run } from '../support/simulator.ts';

// Journey: a seminar reminder 「予約日の前日 18:00」. The friend books for a day ten days ahead,
// then moves the booking five days later: the run's next wake-up shown in the simulator moves to
// the day before the new date at 18:00, and the reminder arrives once (fast-forward stands in for
// the days in between; the wake-up planned for the old date is stale and sends nothing).

const REMINDER = '明日はセミナーです。お気をつけてお越しください。';
const NO_DATE = '予約日が未設定か、過ぎています。';

test('a moved 予約日 moves the reminder, which arrives once', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, 'セミナー');
  const field = await request.post(`/api/workspaces/${ws.id}/fields`, { data: { name: '予約日', kind: 'date' } });
  expect(field.ok()).toBe(true);
  const booking = ((await field.json()) as { id: string }).id;
  // Tokyo keeps UTC+9 all year, so dates there are plain arithmetic.
  const DAY = 86_400_000;
  const tokyoDate = (daysAhead: number) => new Date(Date.now() + 9 * 3_600_000 + daysAhead * DAY).toISOString().slice(0, 10);
  const first = tokyoDate(10);
  const moved = tokyoDate(15);
  const reminderAt = (date: string) => new Date(Date.parse(`${date}T18:00:00+09:00`) - DAY).toISOString();

  const graph = {
    schemaVersion: 2,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'book', type: 'setField', position: { x: 0, y: 140 }, data: { op: 'set', fieldId: booking, value: first } },
      { id: 'day-before', type: 'wait', position: { x: 0, y: 280 }, data: { mode: 'relativeToField', fieldId: booking, offsetDays: -1, time: '18:00' } },
      { id: 'remind', type: 'send', position: { x: 0, y: 420 }, data: { messages: [{ type: 'text', text: REMINDER }] } },
      { id: 'no-date', type: 'send', position: { x: 300, y: 420 }, data: { messages: [{ type: 'text', text: NO_DATE }] } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'book' },
      { id: 'e2', source: 'book', sourceHandle: 'next', target: 'day-before' },
      { id: 'e3', source: 'day-before', sourceHandle: 'next', target: 'remind' },
      { id: 'e4', source: 'day-before', sourceHandle: 'skipped', target: 'no-date' },
    ],
  } as FlowGraph;
  const scenarioId = await createScenario(request, ws.id, 'セミナーリマインド', graph);
  await publish(request, ws.id, scenarioId);

  await page.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);
  await expect(page.locator('.react-flow__node[data-id="day-before"]').getByTestId('node-summary')).toContainText('「予約日」の1日前 18:00');
  await page.getByTestId('open-simulator').click();
  const friend = await addFriend(page, '高橋');
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'waiting');
  await expect(run(page, scenarioId)).toHaveAttribute('data-node-id', 'day-before');
  await expect(run(page, scenarioId).getByTestId('sim-run-wake')).toHaveAttribute('data-wake-at', reminderAt(first));

  // The friend moves the booking (the friend API, as a booking form would): the wake-up follows.
  const change = await request.put(`/api/workspaces/${ws.id}/friends/${friend}/fields`, { data: { values: { [booking]: moved } } });
  expect(change.ok(), await change.text()).toBe(true);
  await expect(run(page, scenarioId).getByTestId('sim-run-wake')).toHaveAttribute('data-wake-at', reminderAt(moved), { timeout: 15_000 });
  await expect(run(page, scenarioId).getByTestId('sim-run-wake')).toContainText('18:00');

  // A value of the wrong kind is refused and changes nothing.
  const bad = await request.put(`/api/workspaces/${ws.id}/friends/${friend}/fields`, { data: { values: { [booking]: '来週のどこか' } } });
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { code: string }).code).toBe('invalid_field_value');
  await expect(run(page, scenarioId).getByTestId('sim-run-wake')).toHaveAttribute('data-wake-at', reminderAt(moved));

  // The day before the new date at 18:00: the reminder, once, and nothing else.
  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText([REMINDER]);
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'finished');
  await fastForward(page, 0);
  await expectInboxExactly(request, ws.id, friend, scenarioId, [REMINDER]);
  await expect(friendView(page)).toBeVisible();
  await finalScreenshot(page, testInfo);
});
