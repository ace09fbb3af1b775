import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTranslator, welcomeSeriesScenario } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';

// The simulator's chat must survive a restart of `npm start`: the fake LINE server keeps its inbox
// in memory, so what it received before is read back from the outbox, once and in order.

let t: TestApp;
let ws: string;

const api = async (method: 'GET' | 'POST', path: string, payload?: object) => {
  const response = await t.app.inject({ method, url: `/api/workspaces/${ws}${path}`, ...(payload ? { payload } : {}) });
  if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
  return response.json();
};
const textsOf = async (friendId: string): Promise<string[]> =>
  (await api('GET', `/simulator/friends/${friendId}/inbox`)).entries.flatMap((entry: { messages: Array<{ text?: string }> }) =>
    entry.messages.map((message) => message.text ?? ''));

/** What a restart does to the fake LINE server: its memory of deliveries is gone. */
function forgetFakeInboxes() {
  (t.app.fakeLine.users as unknown as { inboxes: Map<string, unknown> }).inboxes.clear();
}

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-01T00:00:00.000Z' });
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Shop' } })).json().id;
  const purchasedTagId = (await api('POST', '/tags', { name: '購入済み' })).id;
  const doneTagId = (await api('POST', '/tags', { name: 'ステップ完了' })).id;
  const scenario = await api('POST', '/scenarios', { name: 'ウェルカム', graph: welcomeSeriesScenario({ t: createTranslator('ja'), purchasedTagId, doneTagId }) });
  await api('POST', `/scenarios/${scenario.id}/publish`);
});
afterAll(() => t.close());

test('the inbox keeps what was delivered before a restart, then goes on with new deliveries', async () => {
  const friend = await api('POST', '/simulator/friends', { displayName: '佐藤' });
  // The friend comes back with the name given: the call waits for the profile LINE gives.
  expect(friend).toMatchObject({ displayName: '佐藤' });
  const welcome = '佐藤さん、友だち追加ありがとうございます！\nお得な情報をお届けします。';
  await waitFor(t.clock, async () => (await textsOf(friend.id)).length === 1);
  expect(await textsOf(friend.id)).toEqual([welcome]);

  forgetFakeInboxes();
  expect(t.app.fakeLine.users.inbox(friend.lineUserId)).toEqual([]);
  expect(await textsOf(friend.id)).toEqual([welcome]);

  expect(await api('POST', `/simulator/friends/${friend.id}/fast-forward`)).toMatchObject({ fired: 1 });
  await waitFor(t.clock, async () => (await textsOf(friend.id)).length === 2);
  expect(await textsOf(friend.id)).toEqual([welcome, '佐藤さん、気になる商品はありましたか？今なら送料無料です。']);
  const { entries } = await api('GET', `/simulator/friends/${friend.id}/inbox`);
  expect(entries.map((entry: { at: string }) => entry.at)).toEqual([...entries.map((entry: { at: string }) => entry.at)].sort());
});
