import type { APIRequestContext, Page } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import type { ReentryPolicy } from '@lsb/shared';
import { finalScreenshot } from '../support/editor.ts';
import { stepScenario } from '../support/graphs.ts';
import { createScenario, createTag, createWorkspace, expectInboxExactly, friendDetail, publish } from '../support/runtime.ts';
import { addFriend, botTexts, fastForward, friendView, run } from '../support/simulator.ts';

// Journey 3: a friend blocks (unfollow) while waiting mid-scenario: nothing more is sent, not even
// when the wait is fast-forwarded. Adding us back (unblock = a follow with isUnblocked) applies the
// trigger's re-entry policy: once-only resumes where they were; every-time starts over.

const texts = { welcome: '{name}さん、ようこそ！', coupon: 'クーポンです', reminder: '{name}さん、その後いかがですか？' };

async function setUp(request: APIRequestContext, page: Page, reentry: ReentryPolicy) {
  const ws = await createWorkspace(request, `ブロック ${reentry}`);
  const purchased = await createTag(request, ws.id, '購入済み');
  const done = await createTag(request, ws.id, 'ステップ完了');
  const graph = stepScenario({ purchasedTagId: purchased, doneTagId: done, texts, reentry, includeReturning: true });
  const scenarioId = await createScenario(request, ws.id, `再登録 ${reentry}`, graph);
  await publish(request, ws.id, scenarioId);
  await page.goto(`/workspaces/${ws.id}/simulator`);
  return { ws: ws.id, scenarioId };
}

/** Follows, gets the welcome, blocks while waiting, and checks that fast-forward delivers nothing. */
async function followThenBlock(page: Page, request: APIRequestContext, ws: string, scenarioId: string, name: string) {
  const friend = await addFriend(page, name);
  await expect(botTexts(page)).toHaveText([`${name}さん、ようこそ！`]);
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'waiting');

  await friendView(page).getByTestId('sim-block').click();
  await expect(friendView(page)).toHaveAttribute('data-status', 'blocked');
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'held');
  await expect(friendView(page).locator('[data-testid="chat-item"][data-event="blocked"]')).toBeVisible();
  // The wait is not even scheduled while blocked, so "fast-forward" has nothing to fire.
  await fastForward(page, 0);
  await expect(friendView(page).getByTestId('sim-fast-forward-result')).toHaveText('待機中のステップはありません');
  await expectInboxExactly(request, ws, friend, scenarioId, [`${name}さん、ようこそ！`]);
  expect((await friendDetail(request, ws, friend)).runs.map((r) => `${r.status}@${r.currentNodeId}`)).toEqual(['held@next-day']);
  return friend;
}

test('blocked mid-scenario, nothing more is sent; unblocking a once-only scenario resumes where the friend was', async ({ page, request }, testInfo) => {
  const { ws, scenarioId } = await setUp(request, page, 'firstTimeOnly');
  const friend = await followThenBlock(page, request, ws, scenarioId, '高橋');

  await friendView(page).getByTestId('sim-unblock').click();
  await expect(friendView(page)).toHaveAttribute('data-status', 'active');
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'waiting');
  await expect(run(page, scenarioId)).toHaveAttribute('data-node-id', 'next-day');
  // No second welcome: the policy admits a friend once, and the held run just carries on.
  await expectInboxExactly(request, ws, friend, scenarioId, ['高橋さん、ようこそ！']);
  expect((await friendDetail(request, ws, friend)).runs).toHaveLength(1);

  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['高橋さん、ようこそ！', '高橋さん、その後いかがですか？']);
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'finished');
  await expectInboxExactly(request, ws, friend, scenarioId, ['高橋さん、ようこそ！', '高橋さん、その後いかがですか？']);
  await finalScreenshot(page, testInfo);
});

test('blocked mid-scenario, nothing more is sent; unblocking an every-time scenario starts it over', async ({ page, request }, testInfo) => {
  const { ws, scenarioId } = await setUp(request, page, 'everyTime');
  const friend = await followThenBlock(page, request, ws, scenarioId, '伊藤');

  await friendView(page).getByTestId('sim-unblock').click();
  await expect(friendView(page)).toHaveAttribute('data-status', 'active');
  // The old pass is stopped and a new one welcomes the friend again.
  await expect(friendView(page).getByTestId('sim-run')).toHaveCount(2);
  await expect(friendView(page).locator('[data-testid="sim-run"][data-status="stopped"]')).toHaveCount(1);
  await expect(friendView(page).locator('[data-testid="sim-run"][data-status="waiting"]')).toHaveAttribute('data-node-id', 'next-day');
  await expect(botTexts(page)).toHaveText(['伊藤さん、ようこそ！', '伊藤さん、ようこそ！']);
  await expectInboxExactly(request, ws, friend, scenarioId, ['伊藤さん、ようこそ！', '伊藤さん、ようこそ！']);

  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['伊藤さん、ようこそ！', '伊藤さん、ようこそ！', '伊藤さん、その後いかがですか？']);
  await expectInboxExactly(request, ws, friend, scenarioId, ['伊藤さん、ようこそ！', '伊藤さん、ようこそ！', '伊藤さん、その後いかがですか？']);
  await finalScreenshot(page, testInfo);
});
