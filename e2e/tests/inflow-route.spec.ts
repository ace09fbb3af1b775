import { expect, test } from '../support/fixtures.ts';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { finalScreenshot } from '../support/editor.ts';
import { createScenario, createTag, createWorkspace, friendDetail, publish } from '../support/runtime.ts';
import { botTexts, friendView } from '../support/simulator.ts';

// An inflow route as a marketer and a customer use it: the route is made on the 流入経路 page, its
// QR code's URL is opened, the emulated LINE Login identifies a new virtual user, the fake
// add-friend page makes them follow, and the follow gets the route's welcome scenario and tag.

const WELCOME = 'Instagramからようこそ！クーポンをお送りします。';

const routeWelcome: FlowGraph = {
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } },
    { id: 'send', type: 'send', position: { x: 0, y: 170 }, data: { messages: [{ type: 'text', text: WELCOME }] } },
  ],
  edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'send' }],
};

test('QR URL → emulated LINE Login → add friend: the follow gets the route’s welcome and tag', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, '流入経路');
  const tagId = await createTag(request, ws.id, 'Instagram経由');
  const scenarioId = await createScenario(request, ws.id, 'Instagramウェルカム', routeWelcome);
  await publish(request, ws.id, scenarioId);

  // The marketer creates the route with its arrival actions.
  await page.goto(`/workspaces/${ws.id}/inflow-routes`);
  const form = page.getByTestId('route-form');
  await form.getByTestId('route-name').fill('Instagramプロフィール');
  await form.getByTestId('route-tag-Instagram経由').check();
  await form.getByTestId('route-scenario').selectOption({ label: 'Instagramウェルカム' });
  await form.getByTestId('route-save').click();
  const card = page.getByTestId('route-card').filter({ hasText: 'Instagramプロフィール' });
  await expect(card.getByTestId('route-card-summary')).toContainText('Instagramウェルカム');
  const routeUrl = await card.getByTestId('route-url').inputValue();
  expect(routeUrl).toMatch(new RegExp(`^${new URL(page.url()).origin}/r/[0-9a-f-]{36}$`));

  // The QR code downloads as PNG and shows as SVG.
  const download = page.waitForEvent('download');
  await card.getByTestId('route-qr-png').click();
  expect((await download).suggestedFilename()).toMatch(/^inflow-route-r-[0-9a-f]+\.png$/);
  await expect.poll(() => card.getByTestId('route-qr').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  // A customer scans it: LINE Login (emulated) asks who they are.
  await page.goto(routeUrl);
  await expect(page).toHaveTitle(/LINEログイン/);
  await page.getByTestId('fake-login-new-user').check();
  await page.getByTestId('fake-login-name').fill('高橋みどり');
  await page.getByTestId('fake-login-allow').click();

  // Identified, they land on the account's add-friend page and add it.
  await expect(page.getByTestId('route-page')).toHaveAttribute('data-kind', 'fake_add_friend');
  await expect(page.getByTestId('fake-add-friend-user')).toHaveText('高橋みどり');
  await page.getByTestId('fake-add-friend-button').click();
  await expect(page.getByTestId('route-page')).toHaveAttribute('data-kind', 'fake_followed');

  // The follow claimed the route: the simulator shows the route, the welcome and the tag.
  await page.getByTestId('route-page-link').click();
  const friend = page.getByTestId('sim-friend').filter({ hasText: '高橋みどり' });
  await friend.click();
  await expect(friendView(page).getByTestId('sim-friend-route')).toContainText('Instagramプロフィール');
  await expect(botTexts(page)).toHaveText([WELCOME]);
  await expect(friendView(page).getByTestId('sim-tag-chip')).toHaveText([/Instagram経由/]);
  const detail = await friendDetail(request, ws.id, (await friend.getAttribute('data-friend-id'))!);
  expect(detail.tagIds).toEqual([tagId]);

  // The report counts the friend added through the route today.
  await page.getByTestId('nav-inflowRoutes').click();
  await expect(page.getByTestId('report-row').filter({ hasText: 'Instagramプロフィール' }).getByTestId('report-added')).toHaveText('1');
  await finalScreenshot(page, testInfo);
});

test('an unknown or deleted route URL is a friendly page, and the follow still works', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, '旧経路');
  await page.goto('/r/00000000-0000-4000-8000-000000000000');
  await expect(page.getByTestId('route-page')).toHaveAttribute('data-kind', 'unknown_route');
  await expect(page.locator('h1')).toHaveText('ページが見つかりません');

  const route = await (await request.post(`/api/workspaces/${ws.id}/inflow-routes`, { data: { name: '旧チラシ' } })).json() as { id: string; url: string };
  await page.goto(`/workspaces/${ws.id}/inflow-routes`);
  const card = page.getByTestId('route-card').filter({ hasText: '旧チラシ' });
  await card.getByTestId('route-remove').click();
  await card.getByTestId('route-remove-confirm').click();
  await expect(card).toHaveCount(0);

  await page.goto(route.url);
  await expect(page.getByTestId('route-page')).toHaveAttribute('data-kind', 'deleted_route');
  await page.getByTestId('route-page-link').click();
  await page.getByTestId('fake-add-friend-name').fill('新規さん');
  await page.getByTestId('fake-add-friend-button').click();
  await expect(page.getByTestId('route-page')).toHaveAttribute('data-kind', 'fake_followed');
  await page.getByTestId('route-page-link').click();
  await expect(page.getByTestId('sim-friend').filter({ hasText: '新規さん' })).toBeVisible();
  await finalScreenshot(page, testInfo);
});

test('a real channel’s LINE Login settings are checked, saved and shown only as a hint', async ({ page, request }, testInfo) => {
  const ws = await createWorkspace(request, 'LINEログイン');
  await request.post(`/api/workspaces/${ws.id}/channels`, {
    data: { name: '本店', lineChannelId: '1657123456', channelSecret: '0123456789abcdef0123456789abcdef', channelAccessToken: `${'x'.repeat(60)}TOKEN` },
  });
  await page.goto(`/workspaces/${ws.id}/channels`);
  const login = page.getByTestId('channel-login');
  await expect(login.getByTestId('channel-login-status')).toContainText('未設定');
  await expect(login.getByTestId('channel-login-callback')).toHaveValue(`${new URL(page.url()).origin}/r/callback`);
  await login.getByTestId('channel-login-id').fill('12');
  await login.getByTestId('channel-login-save').click();
  await expect(login.getByRole('alert')).toHaveCount(2);

  await login.getByTestId('channel-login-id').fill('1657999999');
  await login.getByTestId('channel-login-secret').fill('fedcba9876543210fedcba9876543210');
  await login.getByTestId('channel-login-basic-id').fill('@shop123');
  await login.getByTestId('channel-login-save').click();
  await expect(login.getByTestId('channel-login-status')).toHaveText('設定済み（チャネルID 1657999999）');
  await page.reload();
  await expect(page.getByTestId('channel-login').getByTestId('channel-login-status')).toHaveText('設定済み（チャネルID 1657999999）');
  await expect(page.getByTestId('channel-login')).toContainText('…3210');
  await expect(page.locator('body')).not.toContainText('fedcba9876543210fedcba');
  await finalScreenshot(page, testInfo);
});
