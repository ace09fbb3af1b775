import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTranslator, welcomeSeriesScenario } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';

// The whole path, in one process: a signed follow webhook → webhook worker → engine → outbox →
// send worker → the built-in fake LINE server, with pg-boss timers on a hand-driven clock.

let t: TestApp;
let ws: string;
let purchasedTagId: string;
let doneTagId: string;

const api = async (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) => {
  const response = await t.app.inject({ method, url: `/api/workspaces/${ws}${path}`, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
  return response.json();
};

const textsOf = async (friendId: string): Promise<string[]> =>
  (await api('GET', `/simulator/friends/${friendId}/inbox`)).entries.flatMap((entry: { messages: Array<{ text?: string }> }) =>
    entry.messages.map((message) => message.text ?? ''));

beforeAll(async () => {
  // 09:00 JST on 1 April: "1日後の10:00" is 2 April 10:00 JST (01:00 UTC).
  t = await createTestApp({ workers: true, start: '2026-04-01T00:00:00.000Z' });
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Shop' } })).json().id;
  purchasedTagId = (await api('POST', '/tags', { name: '購入済み' })).id;
  doneTagId = (await api('POST', '/tags', { name: 'ステップ完了' })).id;
  const scenario = await api('POST', '/scenarios', { name: 'ウェルカム', graph: welcomeSeriesScenario({ t: createTranslator('ja'), purchasedTagId, doneTagId }) });
  await api('POST', `/scenarios/${scenario.id}/publish`);
});
afterAll(() => t.close());

test('each friend gets the welcome, then the next day at 10:00 the message of their branch, once each', async () => {
  const buyer = await api('POST', '/simulator/friends', { displayName: '佐藤' });
  const browser = await api('POST', '/simulator/friends', { displayName: '鈴木' });

  await waitFor(t.clock, async () => (await textsOf(buyer.id)).length === 1 && (await textsOf(browser.id)).length === 1);
  expect(await textsOf(buyer.id)).toEqual(['佐藤さん、友だち追加ありがとうございます！\nお得な情報をお届けします。']);

  // The buyer purchases before the wait is over: the branch reads tags when it is reached.
  await api('POST', `/friends/${buyer.id}/tags`, { add: [purchasedTagId] });

  // Nothing more before 10:00 the next day.
  await t.clock.setTime('2026-04-02T00:59:00.000Z');
  await t.clock.tick(1_000);
  expect(await textsOf(buyer.id)).toHaveLength(1);

  await t.clock.setTime('2026-04-02T01:00:00.000Z');
  await waitFor(t.clock, async () => (await textsOf(buyer.id)).length === 2 && (await textsOf(browser.id)).length === 2);
  expect((await textsOf(buyer.id))[1]).toBe('ご購入ありがとうございます！次回使える10%OFFクーポンをお送りします。');
  expect((await textsOf(browser.id))[1]).toBe('鈴木さん、気になる商品はありましたか？今なら送料無料です。');

  // Both end with the completion tag and finished runs; nothing is sent twice.
  for (const friend of [buyer, browser]) {
    const detail = await waitFor(t.clock, async () => {
      const current = await api('GET', `/friends/${friend.id}`);
      return current.runs[0]?.status === 'finished' ? current : undefined;
    });
    expect(detail.tagIds).toContain(doneTagId);
  }
  const finished = await api('GET', '/runs?status=finished');
  expect(finished.map((run: { friendId: string }) => run.friendId).sort()).toEqual([buyer.id, browser.id].sort());
  expect(await api('GET', '/runs?status=waiting')).toEqual([]);

  await t.clock.tick(5_000);
  expect(await textsOf(buyer.id)).toHaveLength(2);
  expect(await textsOf(browser.id)).toHaveLength(2);
});
