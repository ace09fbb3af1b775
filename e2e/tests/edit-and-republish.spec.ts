import { expect, test } from '../support/fixtures.ts';
import { expectSaved, finalScreenshot, node, select } from '../support/editor.ts';
import { stepScenario } from '../support/graphs.ts';
import { createScenario, createTag, createWorkspace, expectInboxExactly, friendDetail, publish } from '../support/runtime.ts';
import { addFriend, botTexts, fastForward, friendView, run } from '../support/simulator.ts';

// Journey 4: a marketer edits a published scenario and republishes while a friend is mid-run. The
// friend finishes on the version it started on, without any step sent twice; a new friend gets
// the new version.

const v1 = { welcome: '{name}さん、ようこそ（v1）', coupon: 'クーポン（v1）', reminder: '{name}さん、リマインド（v1）' };

test('edit and republish a scenario while a friend is mid-run: it continues without a duplicate send', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, '再公開');
  const purchased = await createTag(request, ws.id, '購入済み');
  const done = await createTag(request, ws.id, 'ステップ完了');
  const scenarioId = await createScenario(request, ws.id, '再公開するシナリオ', stepScenario({ purchasedTagId: purchased, doneTagId: done, texts: v1 }));
  await publish(request, ws.id, scenarioId);

  // A friend starts on v1 and waits for 「1日後の10:00」.
  await page.goto(`/workspaces/${ws.id}/simulator`);
  const early = await addFriend(page, '中村');
  await expect(botTexts(page)).toHaveText(['中村さん、ようこそ（v1）']);
  await expect(run(page, scenarioId)).toHaveAttribute('data-node-id', 'next-day');
  const v1Run = (await friendDetail(request, ws.id, early)).runs[0]!;

  // The marketer rewrites the welcome and the reminder, and republishes.
  await page.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);
  await expect(page.getByTestId('scenario-status')).toHaveText('公開中 v1');
  await expect(node(page, 'next-day').getByTestId('node-stats')).toContainText('待機中 1');
  await (await select(page, 'welcome')).getByTestId('message-text').fill('{name}さん、ようこそ（v2）');
  await (await select(page, 'reminder')).getByTestId('message-text').fill('{name}さん、リマインド（v2）');
  await expectSaved(page);
  await page.getByTestId('open-publish').click();
  const dialog = page.getByTestId('publish-dialog');
  await expect(dialog.getByTestId('publish-changed')).toContainText('メッセージ送信');
  await expect(dialog).toContainText('配信途中の友だち: 1人');
  await dialog.getByTestId('publish-confirm').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('scenario-status')).toHaveText('公開中 v2');

  // The friend mid-run goes on: the next step of v1, and no second welcome of either version.
  await page.getByTestId('open-simulator').click();
  await page.getByTestId('simulator-panel').locator(`[data-testid="sim-friend"][data-friend-id="${early}"]`).click();
  await expect(friendView(page)).toHaveAttribute('data-friend-id', early);
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'waiting');
  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['中村さん、ようこそ（v1）', '中村さん、リマインド（v1）']);
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'finished');
  const after = (await friendDetail(request, ws.id, early)).runs;
  expect(after.map((r) => [r.id, r.versionId, r.status])).toEqual([[v1Run.id, v1Run.versionId, 'finished']]);

  // A friend who follows now gets v2 from the start.
  const late = await addFriend(page, '小林');
  await expect(botTexts(page)).toHaveText(['小林さん、ようこそ（v2）']);
  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['小林さん、ようこそ（v2）', '小林さん、リマインド（v2）']);
  expect((await friendDetail(request, ws.id, late)).runs[0]!.versionId).not.toBe(v1Run.versionId);

  await expectInboxExactly(request, ws.id, early, scenarioId, ['中村さん、ようこそ（v1）', '中村さん、リマインド（v1）']);
  await expectInboxExactly(request, ws.id, late, scenarioId, ['小林さん、ようこそ（v2）', '小林さん、リマインド（v2）']);
  await finalScreenshot(page, testInfo);
});
