import { afterAll, beforeAll, expect, test } from 'vitest';
import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addMember, type TestUser } from '../support/auth.ts';
import { fillPath, fillWorkspace, type FilledWorkspace } from './fixture.ts';

/**
 * Every route the app registers (Fastify's own route table), checked for its scope:
 * without a session or token 401 unless it is on the short public list below; a member of A
 * addressing B's resources by B's real ids 404 and nothing in B changes; a viewer's change 403;
 * a cookie change without the CSRF token 403. A route added without a scope fails here.
 */
const PUBLIC: Array<[string, RegExp]> = [
  ['health', /^GET \/api\/health$/],
  ['first-run sign-up, log-in, CSRF token, password reset', /^(GET \/api\/auth\/setup|POST \/api\/auth\/signup|POST \/api\/auth\/login|GET \/api\/auth\/csrf|POST \/api\/auth\/password-reset(\/request)?)$/],
  ['invitation link (preview, accept)', /^(GET \/api\/invitations\/:token|POST \/api\/invitations\/accept)$/],
  ['LINE webhook', /^POST \/webhooks\/line\/:channelId$/],
  ['tracked-link click', /^GET \/l\/:token\/:linkId$/],
  ['conversion pixel and redirect on a shop\'s thank-you page', /^GET \/c\/:pointId\/(pixel\.gif|go)$/],
  ['inflow landing, LINE Login callback, fake add-friend page', /^(GET|POST) \/r\/(:routeId|callback|add-friend\/:channelId)$/],
  ['fake LINE server (dev/test platform double)', /^(GET|POST) \/(v2|oauth2|fake-line)\//],
  ['API docs', /^GET \/docs(\/|$)/],
  ['editor static files', /^GET \/(|[^:]*\.[a-z0-9]+)$/],
];

let t: TestApp;
let a: FilledWorkspace;
let b: FilledWorkspace;
let memberOfA: TestUser;
let viewerOfA: TestUser;

beforeAll(async () => {
  t = await createTestApp({ workers: true }); // the simulator's virtual friend follows through the real webhook path
  const orgA = (await t.app.inject({ url: '/api/auth/me' })).json().organizations[0].id;
  const orgB = (await t.app.inject({ method: 'POST', url: '/api/organizations', payload: { name: 'Other agency' } })).json().id;
  const wsA = (await t.app.inject({ method: 'POST', url: `/api/organizations/${orgA}/workspaces`, payload: { name: 'A' } })).json().id;
  const wsB = (await t.app.inject({ method: 'POST', url: `/api/organizations/${orgB}/workspaces`, payload: { name: 'B' } })).json().id;
  a = await fillWorkspace(t, t.owner, wsA, orgA);
  b = await fillWorkspace(t, t.owner, wsB, orgB);
  memberOfA = await addMember(t.anonymous, t.owner, t.owner, wsA, 'owner');
  viewerOfA = await addMember(t.anonymous, t.owner, t.owner, wsA, 'viewer');
}, 120_000);
afterAll(() => t?.close());

const routes = () => t.app.routeTable().filter((r) => r.method !== 'HEAD' && !r.url.endsWith('*'));
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function bodyFor(schema: unknown): object | undefined {
  if (!schema) return undefined;
  try {
    return Value.Create(schema as TSchema) as object;
  } catch {
    return {};
  }
}

/** Everything B holds, as one fingerprint per table that has a workspace_id (and B's organization's members). */
async function fingerprintOf(w: FilledWorkspace): Promise<Record<string, string>> {
  const tables = await t.database.pool.query<{ table_name: string }>(
    "select table_name from information_schema.columns where column_name = 'workspace_id' and table_schema = 'public' order by table_name",
  );
  const result: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    const { rows } = await t.database.pool.query(`select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from "${table_name}" x where workspace_id = $1`, [w.workspaceId]);
    result[table_name] = rows[0].h;
  }
  const { rows } = await t.database.pool.query("select md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from organization_members x where organization_id = $1", [w.organizationId]);
  result.organization_members = rows[0].h;
  return result;
}

test('every route declares its scope, and only the named public routes are public', () => {
  const table = routes();
  expect(table.length).toBeGreaterThan(90);
  for (const route of table) {
    const key = `${route.method} ${route.url}`;
    expect(route.access, `${key} declares no access (declareAccess in its plugin, or config.access)`).toBeDefined();
    if (route.access === 'public') expect(PUBLIC.some(([, pattern]) => pattern.test(key)), `${key} is public but not on the named list`).toBe(true);
    if (route.access === 'workspace') expect(route.url, `${key} is workspace-scoped without :workspaceId`).toContain(':workspaceId');
  }
});

test('without a session or token: 401 on every route but the public ones', async () => {
  for (const route of routes().filter((r) => r.access !== 'public')) {
    const response = await t.anonymous({ method: route.method as 'GET', url: fillPath(route.url, a), payload: bodyFor(route.bodySchema) });
    expect([response.statusCode, response.json().code], `${route.method} ${route.url}`).toEqual([401, 'unauthenticated']);
  }
});

test("a member of A addressing B's resources by B's real ids: 404, and nothing in B changes", async () => {
  const before = await fingerprintOf(b);
  for (const route of routes().filter((r) => r.url.includes(':workspaceId') || r.url.includes(':organizationId'))) {
    const key = `${route.method} ${route.url}`;
    const payload = bodyFor(route.bodySchema);
    // B's workspace in the path: the workspace itself is not there for them.
    const inB = await memberOfA.inject({ method: route.method as 'GET', url: fillPath(route.url, b), payload });
    expect(inB.statusCode, `${key} in B → ${inB.body}`).toBe(404);
    // A's workspace in the path but B's ids for everything else: the item is not there either.
    if (route.url.replace(':workspaceId', '').includes(':')) {
      const mixed = fillPath(route.url, b).replace(b.workspaceId, a.workspaceId);
      const inA = await memberOfA.inject({ method: route.method as 'GET', url: mixed, payload });
      expect([400, 404], `${key} in A with B's ids → ${inA.statusCode} ${inA.body}`).toContain(inA.statusCode);
    }
  }
  expect(await fingerprintOf(b)).toEqual(before);
}, 120_000);

test("a viewer's change: 403 on every mutating workspace route that needs more than viewer", async () => {
  const mutating = routes().filter((r) => r.access === 'workspace' && MUTATING.has(r.method) && r.minRole !== 'viewer');
  expect(mutating.length).toBeGreaterThan(40);
  for (const route of mutating) {
    const response = await viewerOfA.inject({ method: route.method as 'POST', url: fillPath(route.url, a), payload: bodyFor(route.bodySchema) });
    expect([response.statusCode, response.json().code], `${route.method} ${route.url}`).toEqual([403, 'forbidden']);
  }
});

test('a cookie change without the CSRF token: 403 on every mutating non-public route, and with a token from another session too', async () => {
  const other = await addMember(t.anonymous, t.owner, t.owner, a.workspaceId, 'editor');
  for (const route of routes().filter((r) => r.access !== 'public' && MUTATING.has(r.method))) {
    const url = fillPath(route.url, a);
    const payload = bodyFor(route.bodySchema);
    const missing = await t.anonymous({ method: route.method as 'POST', url, payload, headers: { cookie: memberOfA.cookie } });
    expect([missing.statusCode, missing.json().code], `${route.method} ${route.url}`).toEqual([403, 'csrf_invalid']);
    const foreign = await t.anonymous({ method: route.method as 'POST', url, payload, headers: { cookie: memberOfA.cookie, 'x-csrf-token': other.csrfToken } });
    expect([foreign.statusCode, foreign.json().code], `${route.method} ${route.url} (other session's token)`).toEqual([403, 'csrf_invalid']);
  }
});
