import { readFileSync } from 'node:fs';
import { request as requestFactory, type APIRequestContext } from '@playwright/test';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { expect, test } from '../support/fixtures.ts';
import { finalScreenshot, node } from '../support/editor.ts';
import { createScenario, createWorkspace, expectOutboxDrained, publish } from '../support/runtime.ts';

// An A/B split measured end to end: 200 virtual friends follow and the split sends each down A or B,
// some of them click the tracked link in their message, the shop's server records purchases
// through the API with a token (one order sent twice), and the canvas and the analytics page show
// exactly those counts, rates and the daily chart. Every wait is on a condition, never a sleep.

const FRIENDS = 200;
const TEXT = { a: 'パターンA: 春のセール', b: 'パターンB: 今だけ20%オフ' } as const;

function splitGraph(linkId: string): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'ab', type: 'randomSplit', position: { x: 0, y: 170 }, data: { branches: [{ id: 'a', label: 'A', weight: 50 }, { id: 'b', label: 'B', weight: 50 }] } },
      { id: 'send-a', type: 'send', position: { x: -200, y: 360 }, data: { messages: [{ type: 'text', text: `${TEXT.a} {link:${linkId}}` }] } },
      { id: 'send-b', type: 'send', position: { x: 200, y: 360 }, data: { messages: [{ type: 'text', text: `${TEXT.b} {link:${linkId}}` }] } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'ab' },
      { id: 'e2', source: 'ab', sourceHandle: 'a', target: 'send-a' },
      { id: 'e3', source: 'ab', sourceHandle: 'b', target: 'send-b' },
    ],
  };
}

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Runs `work` over the items, `width` at a time (the webhook path is the real one, so keep it busy but not flooded). */
async function inBatches<T, R>(items: T[], width: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += width) results.push(...await Promise.all(items.slice(i, i + width).map((item, j) => work(item, i + j))));
  return results;
}

interface Received { friendId: string; variant: 'a' | 'b'; clickUrl: string }

const pct = (part: number, whole: number) => (Math.round((part / whole) * 1000) / 10).toFixed(1);

test('A/B split over 200 friends: clicks and API conversions match on the canvas and the analytics page', async ({ page, request, baseURL }, testInfo) => {
  test.setTimeout(300_000);
  const ws = await createWorkspace(request, '計測');
  const link = await ok<{ id: string }>(await request.post(`/api/workspaces/${ws.id}/links`, { data: { name: 'セールページ', url: 'https://shop.example.jp/sale' } }));
  const scenarioId = await createScenario(request, ws.id, 'セールA/B', splitGraph(link.id));
  await publish(request, ws.id, scenarioId);

  // The marketer defines the conversion point on コンバージョン.
  await page.goto(`/workspaces/${ws.id}/conversions`);
  await page.getByTestId('point-name').fill('商品購入');
  await page.getByTestId('point-value').fill('1000');
  await page.getByTestId('point-urls').fill('https://shop.example.jp/thanks');
  await page.getByTestId('point-save').click();
  const card = page.getByTestId('point-card').filter({ hasText: '商品購入' });
  await expect(card.getByTestId('point-card-summary')).toHaveText('0件・合計 0円・計測期間 7日 · 既定の金額 1,000円');
  await expect(card.getByTestId('snippet-api')).toContainText(`/api/workspaces/${ws.id}/conversions`);
  const pointId = (await card.getAttribute('data-point-id'))!;

  // 200 virtual friends follow (signed webhooks through the simulator), and the split sends each one message.
  const friendIds = await inBatches(Array.from({ length: FRIENDS }, (_, i) => i), 10, async (i) =>
    (await ok<{ id: string }>(await request.post(`/api/workspaces/${ws.id}/simulator/friends`, { data: { displayName: `友だち${i + 1}` } }))).id);
  await expect.poll(async () => {
    const { nodes } = await ok<{ nodes: Record<string, { sent?: number }> }>(await request.get(`/api/workspaces/${ws.id}/scenarios/${scenarioId}/stats`));
    return (nodes['send-a']?.sent ?? 0) + (nodes['send-b']?.sent ?? 0);
  }, { timeout: 120_000, message: 'every friend received A or B' }).toBe(FRIENDS);
  await expectOutboxDrained(request, ws.id, scenarioId);

  // Who got which variant, and the tracked link in their message, as the fake LINE delivered it.
  const received = await inBatches(friendIds, 20, async (friendId): Promise<Received> => {
    const { entries } = await ok<{ entries: { messages: { text?: string }[] }[] }>(await request.get(`/api/workspaces/${ws.id}/simulator/friends/${friendId}/inbox`));
    const texts = entries.flatMap((e) => e.messages.map((m) => m.text ?? ''));
    expect(texts).toHaveLength(1);
    const text = texts[0]!;
    const clickUrl = /https?:\/\/\S+\/l\/\S+/.exec(text)?.[0];
    expect(clickUrl, text).toBeTruthy();
    return { friendId, variant: text.startsWith(TEXT.a) ? 'a' : 'b', clickUrl: clickUrl! };
  });
  const a = received.filter((r) => r.variant === 'a');
  const b = received.filter((r) => r.variant === 'b');
  expect(a.length + b.length).toBe(FRIENDS);
  expect(a.length).toBeGreaterThan(0);
  expect(b.length).toBeGreaterThan(0);

  // Some open the link on their phone: every 4th of A, every 2nd of B; a few open it twice (counted once).
  const clickersA = a.filter((_, i) => i % 4 === 0);
  const clickersB = b.filter((_, i) => i % 2 === 0);
  const phone = await requestFactory.newContext({ userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Line/14.0.0' });
  for (const friend of [...clickersA, ...clickersB, ...clickersB.slice(0, 3)]) {
    const response = await phone.get(friend.clickUrl, { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    // The sale page is on the conversion point's site, so the link hands on the click token for its thank-you page.
    expect(response.headers().location).toMatch(/^https:\/\/shop\.example\.jp\/sale\?lsb_ct=[\w-]+$/);
  }
  await phone.dispose();

  // The shop's server records purchases with an API token: 3 of A's clickers, 6 of B's; one order arrives twice.
  const token = await ok<{ secret: string }>(await request.post(`/api/workspaces/${ws.id}/tokens`, { data: { name: 'ショップ連携', role: 'editor' } }));
  const shop = await requestFactory.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token.secret}` } });
  const buyersA = clickersA.slice(0, 3);
  const buyersB = clickersB.slice(0, 6);
  const orders = [...buyersA.map((f, i) => ({ f, order: `A-${i}`, value: 1000 })), ...buyersB.map((f, i) => ({ f, order: `B-${i}`, value: 2500 }))];
  for (const { f, order, value } of orders) {
    const response = await shop.post(`/api/workspaces/${ws.id}/conversions`, { data: { pointId, friendId: f.friendId, value, orderId: order } });
    expect(response.status(), await response.text()).toBe(201);
  }
  const replay = await shop.post(`/api/workspaces/${ws.id}/conversions`, { data: { pointId, friendId: buyersB[0]!.friendId, value: 2500, orderId: 'B-0' } });
  expect(replay.status()).toBe(200);
  expect(((await replay.json()) as { duplicate: boolean }).duplicate).toBe(true);
  await shop.dispose();
  const valueA = buyersA.length * 1000;
  const valueB = buyersB.length * 2500;

  // The canvas: per-node figures for the period, and each variant's share of the friends.
  await page.goto(`/workspaces/${ws.id}/scenarios/${scenarioId}`);
  const statsA = node(page, 'send-a').getByTestId('node-stats');
  await expect(statsA).toHaveAttribute('data-measured', 'true');
  await expect(statsA.getByTestId('stat-entered')).toHaveText(`到達 ${a.length}`);
  await expect(statsA.getByTestId('stat-sent')).toHaveText(`送信 ${a.length}`);
  await expect(statsA.getByTestId('stat-clicks')).toHaveText(`クリック ${clickersA.length}`);
  await expect(statsA.getByTestId('stat-conversions')).toHaveText(`CV ${buyersA.length} · ${valueA.toLocaleString('ja-JP')}円`);
  const statsB = node(page, 'send-b').getByTestId('node-stats');
  await expect(statsB.getByTestId('stat-clicks')).toHaveText(`クリック ${clickersB.length}`);
  await expect(statsB.getByTestId('stat-conversions')).toHaveText(`CV ${buyersB.length} · ${valueB.toLocaleString('ja-JP')}円`);
  await expect(node(page, 'ab').getByTestId('output-share-a')).toHaveText(`${pct(a.length, FRIENDS)}%（${a.length}人）`);
  await expect(node(page, 'ab').getByTestId('output-share-b')).toHaveText(`${pct(b.length, FRIENDS)}%（${b.length}人）`);
  await expect(node(page, 'trigger').getByTestId('stat-entered')).toHaveText(`到達 ${FRIENDS}`);

  // The analytics page: the funnel, the A/B comparison with rates, and the daily chart with its CSV.
  await page.getByTestId('open-analytics').click();
  await expect(page.getByTestId('analytics-page')).toBeVisible();
  const funnel = page.getByTestId('funnel-steps').locator('li');
  await expect(funnel.first()).toHaveAttribute('data-friends', String(FRIENDS));
  await expect(page.getByTestId('funnel-steps').locator('[data-node-id="send-a"]')).toHaveAttribute('data-friends', String(a.length));
  const split = page.getByTestId('split-ab');
  const variantA = split.locator('[data-testid="split-variant"][data-branch-id="a"]');
  const variantB = split.locator('[data-testid="split-variant"][data-branch-id="b"]');
  await expect(variantA.getByTestId('variant-friends')).toHaveText(String(a.length));
  await expect(variantB.getByTestId('variant-friends')).toHaveText(String(b.length));
  await expect(variantA.getByTestId('variant-click-rate')).toContainText(`${pct(clickersA.length, a.length)}% (${clickersA.length}/${a.length},`);
  await expect(variantB.getByTestId('variant-click-rate')).toContainText(`${pct(clickersB.length, b.length)}% (${clickersB.length}/${b.length},`);
  await expect(variantA.getByTestId('variant-conversion-rate')).toContainText(`${pct(buyersA.length, a.length)}% (${buyersA.length}/${a.length},`);
  await expect(variantB.getByTestId('variant-conversion-rate')).toContainText(`${pct(buyersB.length, b.length)}% (${buyersB.length}/${b.length},`);
  await expect(split.getByTestId('verdict-click')).toContainText('クリック率: 「');
  await expect(page.getByTestId('daily-chart').locator('.recharts-line')).toHaveCount(3);

  const download = page.waitForEvent('download');
  await page.getByTestId('daily-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('daily.csv');
  const csv = readFileSync(await file.path(), 'utf8');
  const rows = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(rows[0]).toBe('日付,送信,クリック（ユニーク）,コンバージョン,コンバージョン金額（円）');
  const totals = rows.slice(1).map((r) => r.split(',').map(Number)).reduce((s, r) => [0, s[1]! + r[1]!, s[2]! + r[2]!, s[3]! + r[3]!, s[4]! + r[4]!], [0, 0, 0, 0, 0]);
  expect(totals.slice(1)).toEqual([FRIENDS, clickersA.length + clickersB.length, orders.length, valueA + valueB]);

  await finalScreenshot(page, testInfo);
});
