import { expect, test } from '../support/fixtures.ts';
import type { FlowGraph } from '@lsb/shared';
import { expectSaved, finalScreenshot, inspector, node, select } from '../support/editor.ts';
import { createScenario, createWorkspace, expectInboxExactly, getScenarioDraft } from '../support/runtime.ts';
import { addFriend, botTexts, fastForward, run } from '../support/simulator.ts';

// Journey: a weekend double window (土日 10:00–12:00 and 14:00–16:00) set on a wait in the
// inspector. An overlapping third window is named at once and blocks publishing; removed, the
// node card shows the days, the scenario publishes, and a new friend's wake-up lands in a weekend
// window; fast-forward delivers the message once.

const TEXT = '週末限定のご案内です。';
const WEEKEND = [
  { days: [6, 7], from: '10:00', to: '12:00' },
  { days: [6, 7], from: '14:00', to: '16:00' },
];

test('weekend double window: configured in the inspector, shown on the card, honoured by the run', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, '週末');
  const graph = {
    schemaVersion: 2,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'wait', type: 'wait', position: { x: 0, y: 160 }, data: { mode: 'elapsed', amount: 1, unit: 'minutes' } },
      { id: 'send', type: 'send', position: { x: 0, y: 320 }, data: { messages: [{ type: 'text', text: TEXT }] } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'wait' },
      { id: 'e2', source: 'wait', sourceHandle: 'next', target: 'send' },
    ],
  } as FlowGraph;
  const scenarioId = await createScenario(request, ws.id, '週末キャンペーン', graph);
  await page.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);

  // The trigger states its block policy, the default preselected.
  const trigger = await select(page, 'trigger');
  await expect(trigger.getByTestId('trigger-on-block')).toHaveValue('hold');

  const panel = await select(page, 'wait');
  await panel.getByTestId('window-enabled').check();
  const rules = panel.getByTestId('window-rule');
  await rules.nth(0).getByTestId('window-preset-weekends').click();
  await rules.nth(0).getByTestId('window-from').fill('10:00');
  await rules.nth(0).getByTestId('window-to').selectOption('12:00');
  await panel.getByTestId('window-add').click();
  await rules.nth(1).getByTestId('window-from').fill('14:00');
  await rules.nth(1).getByTestId('window-to').selectOption('16:00');
  await expect(panel.getByTestId('window-error')).toHaveCount(0);

  // Bad input: a third window overlapping the morning one is named where it is, and blocks publishing.
  await panel.getByTestId('window-add').click();
  await rules.nth(2).getByTestId('window-preset-weekends').click();
  await rules.nth(2).getByTestId('window-from').fill('11:00');
  await rules.nth(2).getByTestId('window-to').selectOption('13:00');
  await expect(rules.nth(2).getByTestId('window-error')).toHaveAttribute('data-code', 'windowOverlap');
  await expect(rules.nth(2).getByTestId('window-error')).toHaveText('時間帯 1 と重なっています（土）。');
  await page.getByTestId('open-publish').click();
  await expect(page.getByTestId('publish-dialog').getByTestId('publish-confirm')).toBeDisabled();
  await page.keyboard.press('Escape');
  await rules.nth(2).getByTestId('window-rule-remove').click();
  await expect(rules).toHaveCount(2);

  // The card says when, with the days.
  await expect(node(page, 'wait').getByTestId('node-summary')).toHaveText('1分後（配信時間 土日 10:00–12:00, 14:00–16:00）');
  await expectSaved(page);
  expect((await getScenarioDraft(request, ws.id, scenarioId)).draft.nodes.find((n) => n.id === 'wait')?.data).toEqual({ mode: 'elapsed', amount: 1, unit: 'minutes', windows: WEEKEND });

  await page.getByTestId('open-publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByTestId('publish-confirm')).toBeEnabled();
  await dialog.getByTestId('publish-confirm').click();
  await expect(dialog).toBeHidden();

  // A friend added now wakes inside a weekend window (whatever day the journey runs on).
  await page.getByTestId('open-simulator').click();
  const friend = await addFriend(page, '山本');
  await expect(run(page, scenarioId)).toHaveAttribute('data-node-id', 'wait');
  const wakeAt = await run(page, scenarioId).getByTestId('sim-run-wake').getAttribute('data-wake-at');
  const local = new Date(Date.parse(wakeAt!) + 9 * 3_600_000); // Tokyo is UTC+9 all year
  const weekday = local.getUTCDay(); // 0 = Sunday, 6 = Saturday
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  expect([0, 6]).toContain(weekday);
  expect((minutes >= 600 && minutes < 720) || (minutes >= 840 && minutes < 960)).toBe(true);
  expect(Date.parse(wakeAt!) - Date.now()).toBeLessThan(8 * 86_400_000);

  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText([TEXT]);
  await fastForward(page, 0);
  await expectInboxExactly(request, ws.id, friend, scenarioId, [TEXT]);
  await expect(inspector(page)).toBeVisible();
  await finalScreenshot(page, testInfo);
});
