import { expect, test } from '../support/fixtures.ts';
import { finalScreenshot } from '../support/editor.ts';
import { stepScenario } from '../support/graphs.ts';
import { createScenario, createTag, createWorkspace, expectInboxExactly, friendDetail, publish } from '../support/runtime.ts';
import { addFriend, botTexts, fastForward, friendView, run } from '../support/simulator.ts';

// Journey 2: virtual friends follow through a signed webhook (the simulator in the editor's
// drawer), receive the welcome, get the next step on fast-forward, and take the branch their tag
// decides; the fake LINE inbox holds exactly the expected messages, once each.

const texts = { welcome: '{name}さん、友だち追加ありがとうございます！', coupon: 'ご購入ありがとうございます！10%OFFクーポンです。', reminder: '{name}さん、気になる商品はありましたか？' };

test('a friend follows, gets the welcome, and after fast-forward the message of the branch its tag decides', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, 'フォロー');
  const purchased = await createTag(request, ws.id, '購入済み');
  const done = await createTag(request, ws.id, 'ステップ完了');
  const scenarioId = await createScenario(request, ws.id, 'ウェルカム', stepScenario({ purchasedTagId: purchased, doneTagId: done, texts }));
  await publish(request, ws.id, scenarioId);

  await page.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);
  await page.getByTestId('open-simulator').click();
  await expect(page.getByTestId('simulator-drawer')).toBeVisible();

  // A buyer: tagged 購入済み before the wait fires, so the branch sends the coupon.
  const buyer = await addFriend(page, '佐藤');
  await expect(botTexts(page)).toHaveText(['佐藤さん、友だち追加ありがとうございます！']);
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'waiting');
  await expect(run(page, scenarioId)).toHaveAttribute('data-node-id', 'next-day');
  await expect(run(page, scenarioId).getByTestId('sim-run-node')).toContainText('1日後 10:00');
  await friendView(page).getByTestId('sim-tag-add').selectOption({ label: '購入済み' });
  await expect(friendView(page).getByTestId('sim-tag-chip')).toHaveText([/購入済み/]);
  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['佐藤さん、友だち追加ありがとうございます！', texts.coupon]);
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'finished');
  await expect(friendView(page).getByTestId('sim-tag-chip')).toHaveText([/購入済み/, /ステップ完了/]);

  // Someone without the tag takes the other way.
  const browser = await addFriend(page, '鈴木');
  await expect(botTexts(page)).toHaveText(['鈴木さん、友だち追加ありがとうございます！']);
  await expect(run(page, scenarioId)).toHaveAttribute('data-node-id', 'next-day');
  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText(['鈴木さん、友だち追加ありがとうございます！', '鈴木さん、気になる商品はありましたか？']);
  await expect(run(page, scenarioId)).toHaveAttribute('data-status', 'finished');
  // Nothing left to fire.
  await fastForward(page, 0);

  // What LINE really received, once each and nothing else.
  await expectInboxExactly(request, ws.id, buyer, scenarioId, ['佐藤さん、友だち追加ありがとうございます！', texts.coupon]);
  await expectInboxExactly(request, ws.id, browser, scenarioId, ['鈴木さん、友だち追加ありがとうございます！', '鈴木さん、気になる商品はありましたか？']);
  expect((await friendDetail(request, ws.id, buyer)).tagIds.sort()).toEqual([purchased, done].sort());
  expect((await friendDetail(request, ws.id, browser)).tagIds).toEqual([done]);

  // The canvas counts the two friends through the branch, one each way.
  await expect(page.locator('.react-flow__node[data-id="coupon"]').getByTestId('node-stats')).toContainText('送信 1', { timeout: 15_000 });
  await expect(page.locator('.react-flow__node[data-id="reminder"]').getByTestId('node-stats')).toContainText('送信 1', { timeout: 15_000 });
  await finalScreenshot(page, testInfo);
});
