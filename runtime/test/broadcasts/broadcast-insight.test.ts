import { broadcastAggregationUnit } from '@lsb/shared';
import { afterAll, beforeAll, beforeEach, expect, test } from 'vitest';
import { refreshInsight } from '../../src/sending/insight.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, rows, sendRequests, type Workspace } from '../webhook/harness.ts';
import { call, draft, received, seedFriends } from './harness.ts';

// LINE's opens for a broadcast: every recipient send carries the unit derived from the broadcast id,
// the unit is registered, the insight job fetches it from the fake LINE (which serves its delivery
// log, with LINE's privacy threshold), and the measure reports it — or says why not. When LINE
// refuses the unit (no access to units, or this month's names used up) the messages still go out.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-01T03:00:00.000Z' });
  ws = await createWorkspace(t, 'insight');
});
afterAll(() => t.close());
beforeEach(() => { t.app.fakeLine.units.reset(); });

async function broadcastNow(name: string): Promise<string> {
  const created = (await call(t, ws, 'POST', '/broadcasts', draft({ name }))).body;
  expect((await call(t, ws, 'POST', `/broadcasts/${created.id}/start`)).status).toBe(200);
  await waitFor(t.clock, async () => ((await call(t, ws, 'GET', `/broadcasts/${created.id}/progress`)).body.status === 'done') || undefined, 1500);
  return created.id;
}
let hours = 0;
/** The insight job's pass, each call an hour or more after the last (LINE's figures are fetched hourly). */
async function fetchInsight(): Promise<void> {
  hours += 2;
  const at = new Date(t.clock.now() + hours * 3_600_000);
  await refreshInsight(t.app.db, { ...t.app.clock, now: () => at }, t.app.line);
}
// What carries a broadcast's unit to LINE: its multicast batches (the same messages for everyone) or its send rows.
const carriers = `select b.aggregation_unit from broadcast_batches b join broadcast_occurrences o on o.id = b.occurrence_id where o.broadcast_id = $1
  union all select s.aggregation_unit from sends s join broadcast_occurrences o on o.id = s.run_id where o.broadcast_id = $1`;
const measure = async (id: string) => (await call(t, ws, 'GET', `/broadcasts/${id}/measure`)).body;

test('below LINE\'s threshold the figures are withheld and said to be; then 25 recipients\' multicast shows them', async () => {
  await seedFriends(t, ws, 5);
  const small = await broadcastNow('少人数');
  const unit = broadcastAggregationUnit(small);
  // Sent, not fetched yet: the unit is known, the figures are not.
  expect((await measure(small)).insight).toEqual({ unit, uniqueImpression: null, uniqueClick: null, impression: null, withheld: [], fetchedAt: null });
  await fetchInsight();
  const few = (await measure(small)).insight;
  expect(few).toMatchObject({ unit, uniqueImpression: null, uniqueClick: null, impression: null });
  expect(few.fetchedAt).not.toBeNull();
  expect([...few.withheld].sort()).toEqual(['impression', 'uniqueClick', 'uniqueImpression']);

  await seedFriends(t, ws, 20);
  const big = await broadcastNow('全員');
  const bigUnit = broadcastAggregationUnit(big);
  // One multicast of 25 under the broadcast's unit, which the fake LINE counted.
  const lineChannelId = sendRequests(t).at(-1)!.channelId;
  expect(t.app.fakeLine.units.namesThisMonth(lineChannelId, t.app.fakeLine.now())).toContain(bigUnit);
  expect(await rows(t, `select distinct u.aggregation_unit from (${carriers}) u`, [big]))
    .toEqual([{ aggregation_unit: bigUnit }]);
  expect(await rows(t, 'select unit, broadcast_id from insight_units where broadcast_id = $1', [big])).toEqual([{ unit: bigUnit, broadcast_id: big }]);
  await fetchInsight();
  const many = await measure(big);
  expect(many).toMatchObject({ sent: 25, insight: { unit: bigUnit, uniqueImpression: 25, impression: 25, uniqueClick: null, withheld: ['uniqueClick'] } });
  expect(many.insight.refusal).toBeUndefined();
}, 240_000);

test('an account that may not use units: the messages go out without it, and the measure says why LINE has no figures', async () => {
  t.app.fakeLine.units.configure({ available: false });
  const friends = await seedFriends(t, ws, 2);
  const id = await broadcastNow('ユニットなし');
  const result = await measure(id);
  expect(result.sent).toBeGreaterThanOrEqual(2);
  expect(received(t, friends.map((f) => f.lineUserId), '本日セール')).toEqual([1, 1]);
  expect(result.insight).toMatchObject({ unit: broadcastAggregationUnit(id), refusal: 'unavailable' });
  expect(await rows(t, `select count(*)::int as n from (${carriers}) u where u.aggregation_unit is not null`, [id]))
    .toEqual([{ n: 0 }]);
  // Known now: the next broadcast on the channel goes without a unit in one request, not a refused one first.
  const before = sendRequests(t).length;
  await broadcastNow('ユニットなし2');
  const next = sendRequests(t).slice(before);
  expect(next.map((request) => request.status)).toEqual([200]);
  expect(received(t, friends.map((f) => f.lineUserId), '本日セール')).toEqual([2, 2]);
}, 120_000);

test('this month\'s unit names used up: sent without a unit, noted as the limit', async () => {
  // A day after the refusal above, the account is asked again (it may have gained access meanwhile).
  t.clock.setTime(t.clock.now() + 25 * 3_600_000);
  t.app.fakeLine.units.configure({ monthlyLimit: 0 });
  const id = await broadcastNow('上限');
  const result = await measure(id);
  expect(result.failed).toBe(0);
  expect(result.insight).toMatchObject({ unit: broadcastAggregationUnit(id), refusal: 'limit' });
}, 120_000);
