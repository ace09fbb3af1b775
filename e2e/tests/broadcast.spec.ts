import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { finalScreenshot, pickByName } from '../support/editor.ts';
import { createTag, createWorkspace, inboxTexts } from '../support/runtime.ts';

// セグメント配信 as a marketer does it: the segment 「購入済み」ではない AND 性別 = 女性 built on the
// segments page with its count, a broadcast composed with a coupon, a test-send to a tester marked
// on the friend page, scheduled for the next minute in the workspace's time zone; the progress bar
// runs to the end on its own, exactly the matching virtual friends get it once (the fake LINE inbox),
// and the results page shows the numbers. Every wait is on a condition; the longest is the schedule.

// Each step waits on the runtime (counts, saves, the tick); on a shared, loaded machine that can take
// longer than Playwright's default 5 s, so this journey's waits allow 20 s (still conditions, not sleeps).
const eventually = expect.configure({ timeout: 20_000 });

const TEXT = '女性のお客様だけにクーポンをお届けします🎁';

async function post<T>(request: APIRequestContext, path: string, data: object, method: 'post' | 'put' = 'post'): Promise<T> {
  const response = await request[method](path, { data });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** The first whole minute in Tokyo at least 20 s away, as the schedule's date and time inputs take it. */
function nextMinuteInTokyo(): { date: string; time: string } {
  const at = new Date(Math.ceil((Date.now() + 20_000) / 60_000) * 60_000);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

test('segment → compose with a coupon → test-send → schedule → progress to the end → each match once → results', async ({ page, request }, testInfo) => {
  // The schedule has minute precision: up to 80 s pass before it is due.
  test.setTimeout(200_000);
  const ws = await createWorkspace(request, '一斉配信');
  const api = `/api/workspaces/${ws.id}`;
  const bought = await createTag(request, ws.id, '購入済み');
  const gender = (await post<{ id: string }>(request, `${api}/fields`, { name: '性別', kind: 'choice', choices: ['女性', '男性'] })).id;
  const people: Record<string, { gender?: string; bought?: boolean }> = {
    花子: { gender: '女性' }, 美咲: { gender: '女性' }, 京子: { gender: '女性', bought: true }, 太郎: { gender: '男性' }, 名無し: {}, 健: { gender: '男性' },
  };
  const ids: Record<string, string> = {};
  for (const [name, data] of Object.entries(people)) {
    ids[name] = (await post<{ id: string }>(request, `${api}/simulator/friends`, { displayName: name })).id;
    if (data.gender) await post(request, `${api}/friends/${ids[name]}/fields`, { values: { [gender]: data.gender } }, 'put');
    if (data.bought) await post(request, `${api}/friends/${ids[name]}/tags`, { add: [bought] });
  }

  // 健 becomes the tester on his friend page.
  await page.goto(`/workspaces/${ws.id}/friends/${ids['健']}`);
  await page.getByTestId('friend-tester-toggle').check();
  await eventually(page.getByTestId('friend-tester-notice')).toHaveText(' テスターに設定しました');

  // The segment: NOT 購入済み AND 性別 = 女性, with its live count.
  await page.getByTestId('nav-segments').click();
  await page.getByTestId('segment-new').click();
  const editor = page.getByTestId('segment-editor');
  await editor.getByTestId('segment-name').fill('未購入の女性');
  await editor.getByTestId('condition-add').click();
  const tagRow = editor.getByTestId('condition-row').nth(0);
  await pickByName(tagRow.getByTestId('condition-tag'), '購入済み');
  await tagRow.getByTestId('condition-not').check();
  await editor.getByTestId('condition-add').click();
  const genderRow = editor.getByTestId('condition-row').nth(1);
  await genderRow.getByTestId('condition-kind').selectOption('fieldChoice');
  await pickByName(genderRow.getByTestId('picker-field'), '性別');
  await genderRow.locator('.chips select').selectOption('女性');
  await eventually(editor.getByTestId('segment-live-count')).toHaveText('現在 2人が該当');
  await editor.getByTestId('segment-save').click();
  await eventually(page.getByTestId('segment-item').filter({ hasText: '未購入の女性' }).getByTestId('segment-count')).toHaveText('2人');

  // Compose: a text and a coupon, to the segment; the count and the quota it uses.
  await page.getByTestId('nav-broadcasts').click();
  await page.getByTestId('bc-new').click();
  await page.getByTestId('bc-name').fill('未購入の女性にクーポン');
  await page.getByTestId('message-text').fill(TEXT);
  await page.getByTestId('message-add').click();
  const coupon = page.getByTestId('message-editor').nth(1);
  await coupon.getByTestId('message-type').selectOption('coupon');
  await coupon.getByTestId('coupon-id').fill('WOMEN20');
  await eventually(page.getByTestId('phone-preview').getByTestId('preview-coupon')).toContainText('WOMEN20');
  await page.getByTestId('bc-audience-segment').check();
  await page.getByTestId('bc-audience-segment-select').selectOption({ label: '未購入の女性' });
  await eventually(page.getByTestId('bc-count')).toHaveAttribute('data-pending', 'false');
  await eventually(page.getByTestId('bc-recipients')).toHaveText('配信対象 2人');
  await eventually(page.getByTestId('bc-quota')).toContainText('この配信で 2通');

  // Test-send to the tester.
  await eventually(page.getByTestId('bc-tester')).toHaveText(['健']);
  await page.getByTestId('bc-test-send').click();
  await eventually(page.getByTestId('bc-test-sent')).toHaveText('1人のテスターに送信しました: 健');
  await expect.poll(() => inboxTexts(request, ws.id, ids['健']!)).toEqual([TEXT, '[coupon]']);
  await eventually(page).toHaveURL(/\/broadcasts\/[0-9a-f-]{36}$/);

  await finalScreenshot(page, testInfo, 'compose');

  // Schedule it for the next minute in Tokyo.
  await page.getByTestId('bc-schedule-at').check();
  const when = nextMinuteInTokyo();
  await page.getByTestId('bc-schedule-date').fill(when.date);
  await page.getByTestId('bc-schedule-time').fill(when.time);
  await page.getByTestId('bc-start').click();
  await eventually(page.getByTestId('bc-confirm-text')).toHaveText(`${when.date} ${when.time}に配信を予約します。よろしいですか？`);
  await page.getByTestId('bc-confirm').click();
  await eventually(page.getByTestId('bc-status')).toHaveText('予約済み');
  await eventually(page.getByTestId('bc-progress-waiting')).toContainText('に配信を開始します。');

  // It runs on its own when due; the progress bar goes to the end.
  await eventually(page.getByTestId('bc-progress')).toHaveAttribute('data-status', 'done', { timeout: 150_000 });
  await eventually(page.getByTestId('bc-progress-done')).toHaveText('配信が完了しました。');
  await eventually(page.getByTestId('bc-progress-sent')).toHaveText('2');
  await eventually(page.getByTestId('bc-progress-remaining')).toHaveText('0');
  await eventually(page.getByTestId('bc-progress-bar')).toHaveAttribute('aria-valuenow', '2');

  // Exactly the matching friends, once each; the tester only has the test.
  const expected: Record<string, string[]> = { 花子: [TEXT, '[coupon]'], 美咲: [TEXT, '[coupon]'], 京子: [], 太郎: [], 名無し: [], 健: [TEXT, '[coupon]'] };
  for (const [name, texts] of Object.entries(expected)) expect(await inboxTexts(request, ws.id, ids[name]!), name).toEqual(texts);

  // The results: the numbers as a chart and a table.
  const row = page.getByTestId('bc-results-row');
  await eventually(row.getByTestId('bc-results-recipients')).toHaveText('2');
  await eventually(row.getByTestId('bc-results-delivered')).toHaveText('2');
  await eventually(row.getByTestId('bc-results-failed')).toHaveText('0');
  await eventually(page.getByTestId('bc-no-failures')).toBeVisible();
  await eventually(page.getByTestId('bc-results-chart').locator('svg').first()).toBeVisible();

  await finalScreenshot(page, testInfo, 'results');

  // The list shows it finished with its counts.
  await page.getByTestId('bc-back').click();
  const listed = page.getByTestId('broadcast-row').filter({ hasText: '未購入の女性にクーポン' });
  await eventually(listed.getByTestId('broadcast-status')).toHaveText('完了');
  await eventually(listed.getByTestId('broadcast-sent')).toHaveText('2');
  await finalScreenshot(page, testInfo);
});
