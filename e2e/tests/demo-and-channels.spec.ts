import { expect, test } from '../support/fixtures.ts';
import { finalScreenshot } from '../support/editor.ts';
import { createWorkspace } from '../support/runtime.ts';
import { addFriend, botTexts, fastForward, friendView } from '../support/simulator.ts';

// What a newcomer sees with no LINE account: the seeded demo workspace, its sample scenario and the
// simulator; and how a real channel is bound when they have one.

test('the demo workspace runs its sample scenario for a virtual friend', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByTestId('workspace-switcher').locator('option:checked')).toHaveText('デモワークスペース');
  await expect(page.getByTestId('scenario-row').filter({ hasText: '友だち追加ウェルカム' })).toContainText('公開中 v1');

  await page.getByTestId('nav-simulator').click();
  await addFriend(page, 'デモ花子', '店頭QRコード');
  await expect(friendView(page).getByTestId('sim-friend-route')).toContainText('店頭QRコード');
  await expect(botTexts(page)).toHaveText([/^デモ花子さん、友だち追加ありがとうございます！/]);
  await expect(friendView(page).getByTestId('sim-run-node')).toContainText('1日後 10:00');
  await fastForward(page, 1);
  await expect(botTexts(page)).toHaveText([/友だち追加ありがとうございます/, 'デモ花子さん、気になる商品はありましたか？今なら送料無料です。']);
  await expect(friendView(page).getByTestId('sim-tag-chip')).toHaveText([/ステップ完了/]);

  // The friend answers; the chat shows their side too.
  await friendView(page).getByTestId('sim-text-input').fill('ありがとう');
  await friendView(page).getByTestId('sim-send').click();
  await expect(friendView(page).locator('[data-testid="chat-item"][data-side="friend"] [data-testid="chat-bubble"]')).toHaveText(['ありがとう']);
  await finalScreenshot(page, testInfo);
});

test('a real LINE channel is bound with checked credentials and its webhook URL is copied', async ({ page, request, context }, testInfo) => {
  const ws = await createWorkspace(request, 'チャネル');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`/workspaces/${ws.id}/channels`);
  const fake = page.getByTestId('channel-card');
  await expect(fake).toHaveAttribute('data-fake', 'true');
  await expect(fake.getByTestId('channel-kind')).toHaveText('テスト用（Fake LINE）');

  const form = page.getByTestId('channel-form');
  await form.getByTestId('channel-name').fill('渋谷店 公式アカウント');
  await form.getByTestId('channel-id').fill('12345');
  await form.getByTestId('channel-secret').fill('not-a-secret');
  await form.getByTestId('channel-token').fill('short');
  await form.getByTestId('channel-submit').click();
  await expect(form.getByTestId('channel-id-error')).toBeVisible();
  await expect(form.getByTestId('channel-secret-error')).toBeVisible();
  await expect(form.getByTestId('channel-token-error')).toBeVisible();

  await form.getByTestId('channel-id').fill('1657123456');
  await form.getByTestId('channel-secret').fill('0123456789abcdef0123456789abcdef');
  await form.getByTestId('channel-token').fill(`${'x'.repeat(150)}TOKEN`);
  await form.getByTestId('channel-submit').click();
  await expect(page.getByTestId('channel-created')).toBeVisible();
  const real = page.getByTestId('channel-card').and(page.locator('[data-fake="false"]'));
  await expect(real.getByTestId('channel-line-id')).toHaveText('1657123456');
  await expect(real).toContainText('…OKEN');
  await expect(real).not.toContainText('0123456789abcdef');

  const url = await real.getByTestId('channel-webhook-url').inputValue();
  const channelId = (await real.getAttribute('data-channel-id'))!;
  expect(url).toBe(`${new URL(page.url()).origin}/webhooks/line/${channelId}`);
  await real.getByTestId('channel-copy-webhook').click();
  await expect(real.getByTestId('channel-copy-webhook')).toHaveAttribute('data-state', 'copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

  // The runtime stored it, and answers with hints only.
  const stored = await (await request.get(`/api/workspaces/${ws.id}/channels`)).json() as { id: string; isFake: boolean; channelSecretHint: string }[];
  expect(stored.map((c) => c.isFake)).toEqual([true, false]);
  expect(JSON.stringify(stored)).not.toContain('0123456789abcdef0123456789abcdef');
  await finalScreenshot(page, testInfo);
});
