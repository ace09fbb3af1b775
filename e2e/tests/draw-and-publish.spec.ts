import type { Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import type { FlowGraph } from '@lsb/shared';
import { connect, dropFromPalette, expectSaved, finalScreenshot, node, pickByName, select } from '../support/editor.ts';
import { createTag, createWorkspace, getScenarioDraft } from '../support/runtime.ts';

// Journey 1: a marketer draws trigger → wait → branch → (tag → send | send) by drag and drop on an
// empty canvas, configures each node in the inspector, watches the issues go, and publishes.

const issuesOf = (page: Page, nodeId: string) => page.locator(`[data-testid="issue-item"][data-node-id="${nodeId}"]`);

test('draw a step-delivery scenario on an empty canvas, configure every node and publish it', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, '描画');
  const purchased = await createTag(request, ws.id, '購入済み');
  const vip = await createTag(request, ws.id, 'VIP');

  await page.goto(`/workspaces/${ws.id}`);
  await page.getByTestId('scenario-create').click();
  await page.getByTestId('scenario-create-name').fill('手描きのステップ配信');
  await page.getByTestId('scenario-create-submit').click();
  await expect(page.getByTestId('editor-page')).toBeVisible();
  const scenarioId = decodeURIComponent(new URL(page.url()).pathname.split('/').at(-1)!);

  // A new scenario opens with a starter trigger; remove it to draw from nothing.
  const starter = (await page.locator('.react-flow__node').first().getAttribute('data-id'))!;
  await select(page, starter);
  await page.getByTestId('delete-selection').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(0);

  // Points relative to the canvas: a column down the middle, the branch's two ways below it.
  const trigger = await dropFromPalette(page, 'trigger', { x: 536, y: 60 });
  const wait = await dropFromPalette(page, 'wait', { x: 536, y: 220 });
  const branch = await dropFromPalette(page, 'branch', { x: 536, y: 380 });
  const tag = await dropFromPalette(page, 'tag', { x: 300, y: 560 });
  const coupon = await dropFromPalette(page, 'send', { x: 300, y: 740 });
  const reminder = await dropFromPalette(page, 'send', { x: 780, y: 560 });
  await expect(page.locator('.react-flow__node')).toHaveCount(6);
  // Unconnected and unconfigured: the validator says so, on the nodes and in the issues panel.
  await expect(issuesOf(page, wait).and(page.locator('[data-code="unreachableNode"]'))).toHaveCount(1);
  await expect(node(page, tag).getByTestId('node-issue-badge')).toBeVisible();

  await connect(page, trigger, 'next', wait);
  await connect(page, wait, 'next', branch);
  const caseOutput = (await node(page, branch).locator('[data-testid^="output-handle-"]').first().getAttribute('data-testid'))!.replace('output-handle-', '');
  await connect(page, branch, caseOutput, tag);
  await connect(page, branch, 'else', reminder);
  await connect(page, tag, 'next', coupon);
  for (const id of [trigger, wait, reminder, coupon]) {
    await expect(issuesOf(page, id).and(page.locator('[data-code="unreachableNode"], [data-code="outputNotConnected"]'))).toHaveCount(0);
  }

  // Trigger: friend added (including unblocks), once per friend.
  const triggerForm = await select(page, trigger);
  await triggerForm.getByTestId('trigger-kind').selectOption('friendAdded');
  await triggerForm.getByTestId('trigger-returning').check();
  await triggerForm.getByTestId('trigger-reentry').selectOption('firstTimeOnly');
  await expect(node(page, trigger).getByTestId('node-summary')).toHaveText('友だち追加（ブロック解除を含む）');

  // Wait: 「1日後の09:30」.
  const waitForm = await select(page, wait);
  await waitForm.getByTestId('wait-mode-dayAt').check();
  await waitForm.getByTestId('wait-days').fill('1');
  await waitForm.getByTestId('wait-time').fill('09:30');
  await expect(node(page, wait).getByTestId('node-summary')).toContainText('9:30');
  await expect(issuesOf(page, wait)).toHaveCount(0);

  // Branch: friends tagged 購入済み take the first way.
  const branchForm = await select(page, branch);
  await expect(issuesOf(page, branch)).toHaveCount(1);
  await branchForm.getByTestId('branch-case-label').fill('購入済み');
  await branchForm.getByTestId('condition-add').click();
  await pickByName(branchForm.getByTestId('condition-tag'), '購入済み');
  await branchForm.getByTestId('condition-tag-has').selectOption('has');
  await expect(node(page, branch).getByTestId(`output-${caseOutput}`)).toContainText('購入済み');
  await expect(issuesOf(page, branch)).toHaveCount(0);

  // Tag: add VIP on the purchased way.
  const tagForm = await select(page, tag);
  await pickByName(tagForm.getByTestId('tag-add-add'), 'VIP');
  await expect(tagForm.getByTestId('tag-chip')).toHaveText(/VIP/);
  await expect(issuesOf(page, tag)).toHaveCount(0);

  // The two sends.
  for (const [id, text] of [[coupon, '{name}さん、ご購入ありがとうございます！クーポンをどうぞ'], [reminder, '{name}さん、気になる商品はありましたか？']] as const) {
    const form = await select(page, id);
    await form.getByTestId('message-text').fill(text);
    await expect(form.getByTestId('phone-preview')).toContainText('山田花子さん');
    await expect(issuesOf(page, id)).toHaveCount(0);
  }

  await expect(page.getByTestId('issues-count')).toHaveText('0');
  await expect(page.getByTestId('node-issue-badge')).toHaveCount(0);
  await expectSaved(page);

  await page.getByTestId('open-publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByTestId('publish-confirm')).toBeEnabled();
  await expect(dialog.getByTestId('publish-issues')).toHaveCount(0);
  await dialog.getByTestId('publish-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('scenario-status')).toHaveText('公開中 v1');

  // What the runtime now runs is exactly what was drawn.
  const stored = await getScenarioDraft(request, ws.id, scenarioId);
  expect(stored.publishedVersion).toBe(1);
  const graph: FlowGraph = stored.draft;
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  expect(graph.nodes.map((n) => n.type).sort()).toEqual(['branch', 'send', 'send', 'tag', 'trigger', 'wait']);
  expect(byId.get(trigger)?.data).toEqual({ trigger: { kind: 'friendAdded', includeReturning: true }, reentry: 'firstTimeOnly' });
  expect(byId.get(wait)?.data).toMatchObject({ mode: 'dayAt', days: 1, time: '09:30' });
  expect(byId.get(branch)?.data).toMatchObject({ cases: [{ id: caseOutput, label: '購入済み', condition: { kind: 'and', conditions: [{ kind: 'tag', tagId: purchased, has: true }] } }] });
  expect(byId.get(tag)?.data).toEqual({ add: [vip], remove: [] });
  expect(graph.edges.map((e) => `${e.source}/${e.sourceHandle}->${e.target}`).sort()).toEqual([
    `${branch}/${caseOutput}->${tag}`, `${branch}/else->${reminder}`, `${tag}/next->${coupon}`, `${trigger}/next->${wait}`, `${wait}/next->${branch}`,
  ].sort());

  await page.getByTestId('fit-view').click();
  await finalScreenshot(page, testInfo);
});
