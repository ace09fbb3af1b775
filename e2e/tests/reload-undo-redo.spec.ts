import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { connect, dropFromPalette, expectSaved, finalScreenshot, node, select } from '../support/editor.ts';
import { stepScenario } from '../support/graphs.ts';
import { createScenario, createTag, createWorkspace, getScenarioDraft } from '../support/runtime.ts';

// Journey 5: a marketer edits, reloads the page in the middle of it (before the autosave could
// run), and finds every edit there; undo and redo walk the edits back and forth, also after reload.

const texts = { welcome: 'ようこそ', coupon: 'クーポン', reminder: 'リマインド' };
const edges = (page: Page) => page.locator('.react-flow__edge');

test('reload mid-edit loses nothing; undo and redo work', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, 'リロード');
  const purchased = await createTag(request, ws.id, '購入済み');
  const done = await createTag(request, ws.id, 'ステップ完了');
  const scenarioId = await createScenario(request, ws.id, '編集中のシナリオ', stepScenario({ purchasedTagId: purchased, doneTagId: done, texts }));
  await page.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);
  await expect(page.locator('.react-flow__node')).toHaveCount(7);
  await expect(edges(page)).toHaveCount(7);
  await expect(page.getByTestId('undo')).toBeDisabled();

  // Three edits: a text, a new node, an edge to it.
  await (await select(page, 'welcome')).getByTestId('message-text').fill('ようこそ！お得な情報をお届けします');
  await expect(node(page, 'welcome').getByTestId('node-summary')).toHaveText('ようこそ！お得な情報をお届けします');
  await page.getByTestId('fit-view').click();
  const extra = await dropFromPalette(page, 'end', { x: 880, y: 760 });
  await connect(page, 'done', 'next', extra);
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  await expect(edges(page)).toHaveCount(8);

  // Undo walks back edge, node, text; redo brings them again, in order.
  await page.getByTestId('undo').click();
  await expect(edges(page)).toHaveCount(7);
  await page.getByTestId('undo').click();
  await expect(node(page, extra)).toHaveCount(0);
  await page.getByTestId('undo').click();
  await expect(node(page, 'welcome').getByTestId('node-summary')).toHaveText('ようこそ');
  await page.getByTestId('redo').click();
  await expect(node(page, 'welcome').getByTestId('node-summary')).toHaveText('ようこそ！お得な情報をお届けします');
  await page.getByTestId('redo').click();
  await expect(node(page, extra)).toBeVisible();
  await page.getByTestId('redo').click();
  await expect(edges(page)).toHaveCount(8);
  await expect(page.getByTestId('redo')).toBeDisabled();

  // One more edit, and reload at once: the autosave's pause has not passed, the edit lives only in this browser.
  await (await select(page, 'reminder')).getByTestId('message-text').fill('リマインド（リロード直前）');
  await page.reload();
  await expect(page.getByTestId('editor-page')).toBeVisible();
  await expect(page.locator('.react-flow__node')).toHaveCount(8);
  await expect(edges(page)).toHaveCount(8);
  await expect(node(page, 'welcome').getByTestId('node-summary')).toHaveText('ようこそ！お得な情報をお届けします');
  await expect(node(page, 'reminder').getByTestId('node-summary')).toHaveText('リマインド（リロード直前）');
  await expect(page.getByTestId('save-conflict')).toHaveCount(0);
  await expectSaved(page);

  // The server has it all too.
  const stored = (await getScenarioDraft(request, ws.id, scenarioId)).draft;
  expect(stored.nodes.find((n) => n.id === extra)?.type).toBe('end');
  expect(stored.edges.some((e) => e.source === 'done' && e.target === extra)).toBe(true);
  expect(stored.nodes.find((n) => n.id === 'reminder')?.data).toEqual({ messages: [{ type: 'text', text: 'リマインド（リロード直前）' }] });

  // And undo/redo work in the new session as well (keyboard this time).
  await select(page, extra);
  await page.getByTestId('delete-selection').click();
  await expect(node(page, extra)).toHaveCount(0);
  await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
  await page.keyboard.press('Control+z');
  await expect(node(page, extra)).toBeVisible();
  await expect(edges(page)).toHaveCount(8);
  await page.keyboard.press('Control+Shift+z');
  await expect(node(page, extra)).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(node(page, extra)).toBeVisible();
  await expectSaved(page);
  expect((await getScenarioDraft(request, ws.id, scenarioId)).draft.nodes).toHaveLength(8);

  await finalScreenshot(page, testInfo);
});
