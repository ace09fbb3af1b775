import fc from 'fast-check';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

// Whatever a phone or a script sends to the route's public pages or the route API: never a 5xx,
// and nothing is written (no pending inflow, no arrival, no route) unless the input was valid.

let t: TestApp;
let ws: string;
let routeId: string;

const counts = async () => (await t.app.pool.query(`select
  (select count(*) from pending_inflows)::int as pending, (select count(*) from inflow_arrivals)::int as arrivals,
  (select count(*) from inflow_routes)::int as routes, (select count(*) from friends)::int as friends`)).rows[0];

beforeAll(async () => {
  t = await createTestApp();
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Fuzz' } })).json().id;
  routeId = (await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/inflow-routes`, payload: { name: 'QR' } })).json().id;
});
afterAll(() => t.close());

const text = fc.oneof(fc.string({ maxLength: 60 }), fc.constant(''), fc.constant('A'.repeat(32)), fc.string({ minLength: 900, maxLength: 1200 }));
const query = fc.dictionary(fc.constantFrom('code', 'state', 'error', 'error_description', 'friendship_status_changed', 'x', 'liffClientId'), text, { maxKeys: 5 });

test('callback, landing and add-friend pages answer bad input with a page, and write nothing', async () => {
  const before = await counts();
  await fc.assert(fc.asyncProperty(query, text, async (params, segment) => {
    const callback = await t.app.inject({ method: 'GET', url: `/r/callback?${new URLSearchParams(params)}` });
    expect(callback.statusCode).toBeGreaterThanOrEqual(400);
    expect(callback.statusCode).toBeLessThan(500);
    expect(callback.headers['content-type']).toContain('text/html');
    const landing = await t.app.inject({ method: 'GET', url: `/r/${encodeURIComponent(segment) || 'x'}` });
    expect(landing.statusCode).toBeLessThan(500);
    const addFriend = await t.app.inject({
      method: 'POST', url: `/r/add-friend/${encodeURIComponent(segment) || 'x'}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(params).toString(),
    });
    expect(addFriend.statusCode).toBeLessThan(500);
  }), { numRuns: 150 });
  expect(await counts()).toEqual(before);
});

test('route and report API bodies that do not fit the schema are 400 and change nothing', async () => {
  const before = await counts();
  const body = fc.oneof(
    fc.anything(),
    fc.record({ name: text, code: text, channelId: text, actions: fc.anything() }, { requiredKeys: [] }),
    fc.record({ name: fc.constant(''), actions: fc.record({ tagIds: fc.array(text), scenarioId: text, repeat: text }) }),
  );
  await fc.assert(fc.asyncProperty(body, async (payload) => {
    for (const [method, url] of [['POST', `/api/workspaces/${ws}/inflow-routes`], ['PUT', `/api/workspaces/${ws}/inflow-routes/${routeId}`]] as const) {
      const response = await t.app.inject({ method, url, payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
      // A random body can happen to be valid ({ name: 'x' }); then it must succeed, never 5xx.
      expect([200, 201, 400, 409]).toContain(response.statusCode);
    }
  }), { numRuns: 150 });
  const after = await counts();
  expect({ ...after, routes: before!.routes }).toEqual(before);
  await fc.assert(fc.asyncProperty(query, async (params) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/workspaces/${ws}/inflow-routes/report?${new URLSearchParams(params)}` });
    expect([200, 400]).toContain(response.statusCode);
  }), { numRuns: 60 });
});
