import { expect, test } from '../support/fixtures.ts';
import { finalScreenshot } from '../support/editor.ts';
import { createWorkspace } from '../support/runtime.ts';
import { addFriend, friendView } from '../support/simulator.ts';

// A marketer builds the catalogue on its pages (a tag in a folder, a date and a number field), gives
// a virtual friend 予約日 = 12/10, 年間利用額 = 350,000 and the tag in the simulator, and finds them
// on the friend's page after a reload: no helper scenario needed.

test('catalogue pages and a friend’s data set by hand', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, 'カタログ');
  await page.goto(`/workspaces/${ws.id}`);

  // タグ管理: a folder, and a tag created in it.
  await page.getByTestId('nav-tags').click();
  const tagsPage = page.getByTestId('tags-page');
  await tagsPage.getByTestId('folder-new-name').fill('顧客ランク');
  await tagsPage.getByTestId('folder-create').click();
  const folder = tagsPage.getByTestId('tag-folder').filter({ has: page.getByTestId('folder-name').getByText('顧客ランク', { exact: true }) });
  await expect(folder).toBeVisible();
  await tagsPage.getByTestId('tag-new-name').fill('VIP');
  await tagsPage.getByTestId('tag-new-folder').selectOption({ label: '顧客ランク' });
  await tagsPage.getByTestId('tag-create').click();
  await expect(folder.getByTestId('tag-row')).toHaveCount(1);
  await expect(folder.getByTestId('tag-name')).toHaveText('VIP');
  // The same name again is refused in words, not with a code.
  await tagsPage.getByTestId('tag-new-name').fill('VIP');
  await tagsPage.getByTestId('tag-create').click();
  await expect(tagsPage.getByTestId('catalogue-error')).toHaveText('「VIP」というタグは既にあります。');

  // 友だち情報欄: a date field and a number field.
  await page.getByTestId('nav-fields').click();
  const fieldsPage = page.getByTestId('fields-page');
  for (const [name, kind] of [['予約日', 'date'], ['年間利用額', 'number']] as const) {
    await fieldsPage.getByTestId('field-new-name').fill(name);
    await fieldsPage.getByTestId('field-new-kind').selectOption(kind);
    await fieldsPage.getByTestId('field-create').click();
    await expect(fieldsPage.locator(`[data-testid="field-row"][data-kind="${kind}"]`).getByTestId('field-name')).toHaveText(name);
  }

  // The simulator: a virtual friend, its fields and a tag set in its friend panel.
  await page.getByTestId('nav-simulator').click();
  const friendId = await addFriend(page, '予約花子');
  const view = friendView(page);
  const fields = view.getByTestId('friend-fields');
  await fields.getByLabel('予約日').fill('2026-12-10');
  // A word in a number field: a clear message beside it, and nothing saved.
  await fields.getByLabel('年間利用額').fill('35万');
  await fields.getByTestId('friend-fields-save').click();
  await expect(fields.getByTestId('friend-field-problem')).toHaveText('数値を入力してください（例: 350000）');
  await expect(fields.getByTestId('friend-fields-error')).toContainText('保存していません');
  await fields.getByLabel('年間利用額').fill('350,000');
  await fields.getByTestId('friend-fields-save').click();
  await expect(fields.getByTestId('friend-fields-saved')).toBeVisible();
  await expect(fields.getByTestId('friend-field-formatted')).toHaveText('350,000');
  await view.getByTestId('sim-tag-add').selectOption({ label: 'VIP' });
  await expect(view.getByTestId('sim-tag-chip')).toHaveText([/VIP/]);

  // The friend page shows the same after a reload.
  await page.getByTestId('nav-friends').click();
  await page.locator(`[data-testid="friend-row"][data-friend-id="${friendId}"]`).getByTestId('friend-link').click();
  await expect(page.getByTestId('friend-page')).toHaveAttribute('data-friend-id', friendId);
  await page.reload();
  const friendPage = page.getByTestId('friend-page');
  await expect(friendPage.getByTestId('friend-name')).toHaveText('予約花子');
  await expect(friendPage.getByLabel('予約日')).toHaveValue('2026-12-10');
  await expect(friendPage.getByLabel('年間利用額')).toHaveValue('350000');
  await expect(friendPage.getByTestId('friend-field-formatted')).toHaveText('350,000');
  await expect(friendPage.getByTestId('sim-tag-chip')).toHaveText([/VIP/]);
  await finalScreenshot(page, testInfo);
});
