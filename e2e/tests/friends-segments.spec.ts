import type { APIRequestContext } from '@playwright/test';
import { expect, test } from '../support/fixtures.ts';
import { finalScreenshot } from '../support/editor.ts';
import { createTag, createWorkspace, friendDetail } from '../support/runtime.ts';

// The friends page as a marketer uses it on a large list: filter by name and by a saved segment,
// tag everyone filtered after a confirmation that states the count, and import a CSV saved by
// Excel (Shift_JIS) whose preview reports each bad row; only the good rows are applied.

async function post<T>(request: APIRequestContext, path: string, data: object): Promise<T> {
  const response = await request.post(path, { data });
  expect(response.ok(), `${path} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Shift_JIS bytes as Excel writes them, for the characters of this journey's file. */
function shiftJis(text: string): Buffer {
  const table: Record<string, number[]> = {
    ユ: [0x83, 0x86], ー: [0x81, 0x5b], ザ: [0x83, 0x55], 都: [0x93, 0x73], 道: [0x93, 0xb9], 府: [0x95, 0x7b], 県: [0x8c, 0xa7],
    タ: [0x83, 0x5e], グ: [0x83, 0x4f], 京: [0x8b, 0x9e], 東: [0x93, 0x8c],
  };
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else bytes.push(...table[ch]!);
  }
  return Buffer.from(bytes);
}

test('filter, bulk tag with the count confirmed, Shift_JIS CSV import with a per-row error report', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, 'セグメント配信');
  const vip = await createTag(request, ws.id, 'VIP');
  const pref = (await post<{ id: string }>(request, `/api/workspaces/${ws.id}/fields`, { name: '都道府県', kind: 'text' })).id;
  const friends: Record<string, { id: string; lineUserId: string }> = {};
  for (const name of ['佐藤', '加藤', '高橋']) friends[name] = await post(request, `/api/workspaces/${ws.id}/simulator/friends`, { displayName: name });
  await post(request, `/api/workspaces/${ws.id}/segments`, { name: 'VIPの友だち', condition: { kind: 'tag', tagId: vip, has: true } });

  await page.goto(`/workspaces/${ws.id}/friends`);
  const friendsPage = page.getByTestId('friends-page');
  await expect(friendsPage.getByTestId('friends-total')).toHaveText('3人が該当');

  // Filter by name: 佐藤 and 加藤.
  await friendsPage.getByTestId('friends-search').fill('藤');
  await expect(friendsPage.getByTestId('friends-total')).toHaveText('2人が該当');
  await expect(friendsPage.getByTestId('friend-row')).toHaveCount(2);

  // Bulk: tag everyone filtered; the confirmation states the count before anything changes.
  await friendsPage.getByTestId('bulk-target').selectOption({ label: 'VIP' });
  await friendsPage.getByTestId('bulk-review').click();
  const dialog = page.getByTestId('bulk-dialog');
  await expect(dialog.getByTestId('bulk-confirm-text')).toHaveText('絞り込んだ2人（表示中のページ以外も含む）にタグ「VIP」を付けます。');
  expect((await friendDetail(request, ws.id, friends['佐藤']!.id)).tagIds).toEqual([]);
  await dialog.getByTestId('bulk-confirm').click();
  await expect(dialog.getByTestId('job-done')).toHaveText('完了しました（2人を変更）');
  await dialog.getByTestId('bulk-close').click();
  expect((await friendDetail(request, ws.id, friends['加藤']!.id)).tagIds).toEqual([vip]);
  expect((await friendDetail(request, ws.id, friends['高橋']!.id)).tagIds).toEqual([]);

  // The saved segment as a filter now holds the two.
  await friendsPage.getByTestId('friends-search').fill('');
  await friendsPage.getByTestId('friends-segment').selectOption({ label: 'VIPの友だち' });
  await expect(friendsPage.getByTestId('friends-total')).toHaveText('2人が該当');
  await expect(friendsPage.getByTestId('friend-row').getByTestId('friend-link')).toHaveText(['加藤', '佐藤']);

  // CSV import from Excel (Shift_JIS): the preview names each bad row; a bad row changes nothing.
  const csv = [
    'LINEユーザーID,都道府県,タグ:VIP',
    `${friends['佐藤']!.lineUserId},京都府,0`,
    `${friends['高橋']!.lineUserId},東京都,x`,
    'U00000000000000000000000000000000,東京都,1',
  ].join('\r\n');
  await friendsPage.getByTestId('friends-import').click();
  const importDialog = page.getByTestId('import-dialog');
  await importDialog.getByTestId('import-file').setInputFiles({ name: 'friends.csv', mimeType: 'text/csv', buffer: shiftJis(csv) });
  await expect(importDialog.getByTestId('import-summary')).toHaveText('3行のうち1行を取り込めます。エラーの2行は何も変更しません。（文字コード: Shift_JIS）');
  await expect(importDialog.getByTestId('import-error-row')).toHaveText([
    `3${friends['高橋']!.lineUserId}「タグ:VIP」: 「x」は 1（付ける）/ 0（外す）/ 空欄 のいずれかにしてください`,
    '4U00000000000000000000000000000000このLINEユーザーIDの友だちはいません',
  ]);
  await importDialog.getByTestId('import-start').click();
  await expect(importDialog.getByTestId('job-done')).toHaveText('1行を取り込みました');
  await expect(importDialog.getByTestId('import-error-row')).toHaveCount(2);
  const sato = await friendDetail(request, ws.id, friends['佐藤']!.id) as unknown as { tagIds: string[]; fields: Record<string, unknown> };
  expect(sato.fields[pref]).toBe('京都府');
  expect(sato.tagIds).toEqual([]);
  const takahashi = await friendDetail(request, ws.id, friends['高橋']!.id) as unknown as { fields: Record<string, unknown> };
  expect(takahashi.fields).toEqual({});
  await importDialog.getByTestId('import-close').click();
  await expect(friendsPage.getByTestId('friends-total')).toHaveText('1人が該当');

  await finalScreenshot(page, testInfo);
});
