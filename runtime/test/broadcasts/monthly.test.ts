import { afterAll, beforeAll, expect, test } from 'vitest';
import { broadcastTick } from '../../src/services/broadcast-delivery.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, rows, type Workspace } from '../webhook/harness.ts';
import { call, draft, received, seedFriends } from './harness.ts';

// The birthday-month coupon: a monthly broadcast whose audience is "birthday in the current month".
// Each month's occurrence fires once (its key is the month), however often and by however many
// workers the tick runs, and reaches that month's birthdays only.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-11-15T00:00:00.000Z' });
  ws = await createWorkspace(t);
});
afterAll(() => t.close());

test('a monthly birthday broadcast fires once per month, to that month\'s birthdays', async () => {
  const field = await ws.api('POST', '/fields', { name: '誕生日', kind: 'date' });
  const birthdays = ['1990-12-03', '1985-12-31', '2000-12-01', '1990-11-20', '1999-01-05', '1970-01-31'];
  const friends = await seedFriends(t, ws, birthdays.length, (i) => ({ fields: { [field.id]: birthdays[i] } }));
  const lineIds = friends.map((f) => f.lineUserId);
  const body = draft({
    name: '誕生月クーポン', messages: [{ type: 'text', text: 'お誕生月おめでとうございます！クーポンをどうぞ' }],
    audience: { kind: 'condition', condition: { kind: 'birthdayMonth', fieldId: field.id, month: 'current' } },
    schedule: { kind: 'monthly', day: 1, time: '10:00' },
  });
  const created = (await call(t, ws, 'POST', '/broadcasts', body)).body;
  const started = await call(t, ws, 'POST', `/broadcasts/${created.id}/start`);
  // 10:00 in Tokyo on December 1st.
  expect(started).toMatchObject({ status: 200, body: { status: 'scheduled', nextAt: '2026-12-01T01:00:00.000Z' } });
  expect(await rows(t, 'select 1 from broadcast_occurrences')).toEqual([]);

  await t.clock.setTime('2026-12-01T01:00:00.000Z');
  await waitFor(t.clock, async () => (await call(t, ws, 'GET', `/broadcasts/${created.id}`)).body.status === 'scheduled'
    && received(t, lineIds).slice(0, 3).every((n) => n === 1));
  expect((await call(t, ws, 'GET', `/broadcasts/${created.id}`)).body.nextAt).toBe('2027-01-01T01:00:00.000Z');

  // A worker that fired December and died before moving the broadcast on: the tick finds it due
  // again (and several ticks race), yet December's key is taken, so nobody gets a second one.
  await t.database.pool.query("update broadcasts set status = 'scheduled', next_at = '2026-12-01T01:00:00Z' where id = $1", [created.id]);
  const deps = { db: t.app.db, clock: t.app.clock, clickBaseUrl: () => 'http://runtime.test/l/x' };
  await Promise.all([broadcastTick(deps), broadcastTick(deps), broadcastTick(deps)]);
  await waitFor(t.clock, async () => (await call(t, ws, 'GET', `/broadcasts/${created.id}`)).body.nextAt === '2027-01-01T01:00:00.000Z');
  expect(received(t, lineIds)).toEqual([1, 1, 1, 0, 0, 0]);

  await t.clock.setTime('2027-01-01T01:00:00.000Z');
  await waitFor(t.clock, async () => received(t, lineIds).slice(4).every((n) => n === 1)
    && (await call(t, ws, 'GET', `/broadcasts/${created.id}`)).body.nextAt === '2027-02-01T01:00:00.000Z');
  expect(received(t, lineIds)).toEqual([1, 1, 1, 0, 1, 1]);
  const occurrences = await rows<{ key: string; status: string; recipients: number }>(t, 'select key, status, recipients from broadcast_occurrences order by key');
  expect(occurrences).toEqual([{ key: '2026-12', status: 'done', recipients: 3 }, { key: '2027-01', status: 'done', recipients: 2 }]);
  const results = (await call(t, ws, 'GET', `/broadcasts/${created.id}/results`)).body;
  expect(results.occurrences.map((o: { key: string; delivered: number }) => [o.key, o.delivered])).toEqual([['2027-01', 2], ['2026-12', 3]]);
}, 120_000);
