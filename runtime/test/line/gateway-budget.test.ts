import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, newUserId, rows, type Workspace } from '../webhook/harness.ts';

// The gateway every worker sends and reads profiles through draws on the rate budget kept in
// PostgreSQL (not a limiter of its own process): that is what keeps several worker processes,
// together, under LINE's limits (shared-rate-budget.test.ts shows the budget itself holding).

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
}, 60_000);
afterAll(() => t.close());

test('a push, a multicast and a profile read each take their request from the channel\'s budget in PostgreSQL', async () => {
  const [friend, other] = [newUserId(), newUserId()];
  const messages = [{ type: 'text', text: 'こんにちは' }];
  await t.app.line.profile(ws.channelId, friend);
  await t.app.line.push(ws.channelId, { to: friend, messages }, randomUUID());
  await t.app.line.multicast(ws.channelId, { to: [friend, other], messages }, randomUUID());
  const taken = await rows<{ endpoint: string; used: number }>(t,
    'select endpoint, sum(used)::int as used from line_rate_budget where channel_key = $1 group by endpoint order by endpoint', [ws.channelId]);
  expect(taken.map((row) => row.endpoint)).toEqual(['multicast', 'profile', 'push']);
  // One each, or more on a loaded machine: a grant that comes back after its 100 ms slot has passed
  // is worth nothing and the request asks the next slot (the limit is only ever undershot).
  expect(taken.every((row) => row.used >= 1)).toBe(true);
});
