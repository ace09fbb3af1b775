import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { finalScreenshot, node } from '../support/editor.ts';
import { stepScenario } from '../support/graphs.ts';
import { createScenario, createTag, createWorkspace, getScenarioDraft, publish } from '../support/runtime.ts';
import { addFriend, botTexts, fastForward, friendView } from '../support/simulator.ts';

// A virtual friend's own clock: after fast-forward the chat shows the friend's time (the day after
// at 10:00), not the real one. The editor's toolbar stays one row on a 1366 px laptop, fit-view
// never zooms past 100 %, the "+" menu opens inside the window, and an edit made just before the tab closes is there on reopening.

const texts = { welcome: '{name}さん、ようこそ！', coupon: 'クーポンです', reminder: '{name}さん、その後いかがですか？' };
const tokyo = (at: Date) => new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'short', timeStyle: 'short' }).format(at);

/** "1日後の10:00" from now, in Tokyo: tomorrow's date there, at 10:00 (01:00 UTC). */
function tomorrowTenInTokyo(now: Date): Date {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now).split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1, 1, 0, 0));
}

async function workspaceWithScenario(request: Parameters<typeof createWorkspace>[0], name: string) {
  const ws = await createWorkspace(request, name);
  const purchased = await createTag(request, ws.id, '購入済み');
  const done = await createTag(request, ws.id, 'ステップ完了');
  const scenarioId = await createScenario(request, ws.id, 'ウェルカム（とても長い名前のシナリオで、ツールバーの幅を試します）', stepScenario({ purchasedTagId: purchased, doneTagId: done, texts }));
  return { ws, scenarioId };
}

test('after fast-forward the chat shows the friend’s own time, and the route picker is reset', async ({ page, request }, testInfo) => {
  const { ws, scenarioId } = await workspaceWithScenario(request, '時計');
  await publish(request, ws.id, scenarioId);
  await page.goto(`/workspaces/${ws.id}/simulator`);

  const followedAt = new Date();
  await addFriend(page, '佐藤');
  await expect(botTexts(page)).toHaveText(['佐藤さん、ようこそ！']);
  await expect(page.getByTestId('sim-friend-clock')).toHaveCount(0);
  const times = friendView(page).getByTestId('chat-time');

  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['佐藤さん、ようこそ！', '佐藤さん、その後いかがですか？']);
  const due = tomorrowTenInTokyo(followedAt);
  // The message the wake sent reads at the friend's 10:00 the next day; the welcome keeps its real time.
  await expect(times.last()).toHaveText(tokyo(due));
  expect(Date.parse((await times.first().getAttribute('datetime'))!)).toBeLessThan(due.getTime() - 3600_000);
  await expect(friendView(page).getByTestId('sim-fast-forward-result')).toContainText(tokyo(due));
  await expect(friendView(page).getByTestId('sim-friend-clock')).toContainText(tokyo(due).split(' ')[0]!);

  // The route picker is empty again for the next friend.
  await expect(page.getByTestId('sim-add-route')).toHaveValue('');
  await finalScreenshot(page, testInfo);
});

async function expectToolbarOneRow(page: Page) {
  const toolbar = page.getByTestId('editor-toolbar');
  await expect(page.getByTestId('open-publish')).toBeVisible();
  const bar = (await toolbar.boundingBox())!;
  const button = (await page.getByTestId('undo').boundingBox())!;
  expect(bar.height, 'the toolbar is one row of buttons').toBeLessThan(button.height * 2);
  // …and nothing is pushed off its right edge.
  const overflow = await toolbar.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const last = (await page.getByTestId('open-simulator').boundingBox())!;
  expect(last.x + last.width).toBeLessThanOrEqual(1366);
}

test('on a 1366 × 768 screen the toolbar is one row in Japanese and English; fit never zooms past 100 %', async ({ page, request }, testInfo) => {
  const { ws, scenarioId } = await workspaceWithScenario(request, 'ツールバー');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);
  await expect(node(page, 'welcome')).toBeVisible();
  await expectToolbarOneRow(page);
  await page.screenshot({ path: testInfo.outputPath('toolbar-1366-ja.png') });

  // Fit on a small flow stays at 100 % at most.
  await page.getByTestId('fit-view').click();
  await expect.poll(async () => page.locator('.react-flow__viewport').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a)).toBeLessThanOrEqual(1);

  // The "+" of the lowest step, near the bottom of the window: its menu opens upwards, all inside.
  await node(page, 'done').getByTestId('output-add-next').click();
  const menu = page.getByTestId('insert-menu');
  await expect(menu).toBeVisible();
  const box = (await menu.boundingBox())!;
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(768);
  expect(box.x + box.width).toBeLessThanOrEqual(1366);
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);

  await page.evaluate(() => localStorage.setItem('lsb.lang', 'en'));
  await page.reload();
  await expect(page.getByTestId('undo')).toContainText('Undo');
  await expectToolbarOneRow(page);
  await page.screenshot({ path: testInfo.outputPath('toolbar-1366-en.png') });
});

test('an edit made just before the tab closes is there on reopening', async ({ browser, request }, testInfo) => {
  const { ws, scenarioId } = await workspaceWithScenario(request, '閉じる');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);
  await expect(node(page, 'reminder')).toBeVisible();
  await node(page, 'reminder').locator('.node-head').click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'reminder')).toHaveCount(0);
  // Closed at once: well inside autosave's pause.
  await page.close({ runBeforeUnload: true });

  // The closing page handed the edit to the server itself (keepalive)…
  await expect.poll(async () => (await getScenarioDraft(request, ws.id, scenarioId)).draft.nodes.map((n) => n.id)).not.toContain('reminder');
  // …and reopening shows it.
  const again = await context.newPage();
  await again.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);
  await expect(node(again, 'welcome')).toBeVisible();
  await expect(node(again, 'reminder')).toHaveCount(0);
  await finalScreenshot(again, testInfo);
  await context.close();
});
