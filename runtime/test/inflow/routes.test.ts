import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { friends, inflowArrivals, inflowLoginStates, pendingInflows, runs } from '../../src/db/schema/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { arrive, callback, consent, land, pressAddFriend } from './flow.ts';

// Inflow routes end to end in one process: route CRUD, the URL's landing, the built-in fake LINE
// Login, the callback that writes the pending inflow, and the follow that claims it.

let t: TestApp;
let ws: string;
let vipTag: string;
let welcomeScenario: string;

const api = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object) =>
  t.app.inject({ method, url: `/api/workspaces/${ws}${path}`, ...(payload ? { payload } : {}) });
const ok = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object) => {
  const response = await api(method, path, payload);
  if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
  return response.statusCode === 204 ? null : response.json();
};

/** Manual trigger → one text: what the route's "start a scenario" action enrols friends in. */
const routeWelcome = (text: string): FlowGraph => ({
  schemaVersion: CURRENT_SCHEMA_VERSION,
  nodes: [
    { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
    { id: 'send', type: 'send', position: { x: 0, y: 170 }, data: { messages: [{ type: 'text', text }] } },
  ],
  edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'send' }],
});

const textsOf = async (friendId: string): Promise<string[]> =>
  (await ok('GET', `/simulator/friends/${friendId}/inbox`)).entries.flatMap((entry: { messages: Array<{ text?: string }> }) =>
    entry.messages.map((message) => message.text ?? ''));
const friendByUser = async (lineUserId: string) => (await t.app.db.select().from(friends).where(eq(friends.lineUserId, lineUserId)))[0];
const routeRuns = async (friendId: string) => (await t.app.db.select().from(runs).where(eq(runs.friendId, friendId)))
  .filter((run) => run.scenarioId === welcomeScenario);

beforeAll(async () => {
  t = await createTestApp({ workers: true, start: '2026-04-01T00:00:00.000Z' });
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Routes' } })).json().id;
  vipTag = (await ok('POST', '/tags', { name: 'Instagram経由' })).id;
  welcomeScenario = (await ok('POST', '/scenarios', { name: '経路ウェルカム', graph: routeWelcome('Instagramからようこそ！') })).id;
  await ok('POST', `/scenarios/${welcomeScenario}/publish`);
});
afterAll(() => t.close());

describe('route CRUD', () => {
  test('creates, lists, edits and deletes a route; the catalogue and QR codes follow', async () => {
    const created = await ok('POST', '/inflow-routes', {
      name: 'チラシ', code: 'flyer', actions: { tagIds: [vipTag], scenarioId: welcomeScenario, repeat: 'everyTime' },
    });
    expect(created).toMatchObject({ name: 'チラシ', code: 'flyer', actions: { tagIds: [vipTag], scenarioId: welcomeScenario, repeat: 'everyTime' } });
    expect(created.url).toBe(`http://runtime.test/r/${created.id}`);
    expect(created.channelId).toEqual(expect.any(String));

    const edited = await ok('PUT', `/inflow-routes/${created.id}`, { name: 'チラシ春', actions: { tagIds: [], scenarioId: null, repeat: 'firstTimeOnly' } });
    expect(edited).toMatchObject({ name: 'チラシ春', code: 'flyer', actions: { tagIds: [], scenarioId: null } });
    expect((await ok('GET', '/inflow-routes')).map((route: { name: string }) => route.name)).toContain('チラシ春');

    const png = await api('GET', `/inflow-routes/${created.id}/qr?format=png`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-disposition']).toContain('inflow-route-flyer.png');
    expect(png.rawPayload.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const svg = await api('GET', `/inflow-routes/${created.id}/qr?format=svg`);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(svg.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect((await api('GET', `/inflow-routes/${created.id}/qr?format=gif`)).statusCode).toBe(400);

    await ok('DELETE', `/inflow-routes/${created.id}`);
    expect((await ok('GET', '/inflow-routes')).map((route: { id: string }) => route.id)).not.toContain(created.id);
    expect((await ok('GET', '/catalogue')).inflowRoutes.map((route: { id: string }) => route.id)).not.toContain(created.id);
    expect((await api('DELETE', `/inflow-routes/${created.id}`)).statusCode).toBe(404);
    // The code is free again.
    await ok('POST', '/inflow-routes', { name: '新チラシ', code: 'flyer' });
  });

  test('bad input is refused with a stable code and writes nothing', async () => {
    const before = (await ok('GET', '/inflow-routes')).length;
    const unknownTag = await api('POST', '/inflow-routes', { name: 'x', actions: { tagIds: ['00000000-0000-4000-8000-000000000000'], scenarioId: null, repeat: 'everyTime' } });
    expect(unknownTag.statusCode).toBe(400);
    expect(unknownTag.json().code).toBe('unknown_tag');
    const unknownScenario = await api('POST', '/inflow-routes', { name: 'x', actions: { tagIds: [], scenarioId: '00000000-0000-4000-8000-000000000000', repeat: 'everyTime' } });
    expect(unknownScenario.json().code).toBe('unknown_scenario');
    expect((await api('POST', '/inflow-routes', { name: 'x', code: 'Bad Code' })).statusCode).toBe(400);
    expect((await api('POST', '/inflow-routes', { name: 'x', extra: 1 })).statusCode).toBe(400);
    expect((await api('POST', '/inflow-routes', { name: 'dup', code: 'dup' })).statusCode).toBe(201);
    const duplicate = await api('POST', '/inflow-routes', { name: 'dup2', code: 'dup' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe('inflow_route_exists');
    expect((await ok('GET', '/inflow-routes')).length).toBe(before + 1);
  });
});

describe('arriving through a route', () => {
  test('QR URL → LINE Login → add friend: the follow is attributed and gets the route’s tag and scenario', async () => {
    const route = await ok('POST', '/inflow-routes', { name: 'Instagram', actions: { tagIds: [vipTag], scenarioId: welcomeScenario, repeat: 'firstTimeOnly' } });
    const landing = await land(t, route.id);
    expect(landing.status).toBe(302);
    const authorize = new URL(landing.location!);
    expect(authorize.pathname).toBe('/oauth2/v2.1/authorize');
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: 'code', scope: 'profile openid', bot_prompt: 'aggressive', redirect_uri: 'http://runtime.test/r/callback',
    });

    const after = await callback(t, await consent(t, landing.location!, { displayName: '高橋' }));
    expect(after.status).toBe(302);
    expect(after.location).toMatch(/^http:\/\/runtime\.test\/r\/add-friend\/[0-9a-f-]{36}\?user=U[0-9a-f]{32}$/);
    const lineUserId = new URL(after.location!).searchParams.get('user')!;
    expect(await t.app.db.select().from(pendingInflows).where(eq(pendingInflows.lineUserId, lineUserId))).toHaveLength(1);

    const page = await t.app.inject({ method: 'GET', url: new URL(after.location!).pathname + new URL(after.location!).search });
    expect(page.body).toContain('高橋');
    await pressAddFriend(t, after.location!);
    // The name follows the friend's record (profiles are fetched once the follow has committed).
    const friend = await waitFor(t.clock, async () => {
      const found = await friendByUser(lineUserId);
      return found?.displayName === '高橋' ? found : undefined;
    });
    expect(friend.inflowRouteId).toBe(route.id);
    await waitFor(t.clock, async () => (await textsOf(friend.id)).includes('Instagramからようこそ！'));
    expect((await ok('GET', `/friends/${friend.id}`)).tagIds).toContain(vipTag);
    expect(await t.app.db.select().from(pendingInflows).where(eq(pendingInflows.lineUserId, lineUserId))).toHaveLength(0);
  });

  test('a friend who already follows gets the actions when landing; first time only runs them once', async () => {
    const route = await ok('POST', '/inflow-routes', { name: '店頭POP', actions: { tagIds: [vipTag], scenarioId: welcomeScenario, repeat: 'firstTimeOnly' } });
    const existing = await ok('POST', '/simulator/friends', { displayName: '伊藤' });
    const row = (await t.app.db.select().from(friends).where(eq(friends.id, existing.id)))[0]!;

    const first = await arrive(t, route.id, { userId: row.lineUserId });
    expect(first).toMatchObject({ status: 200, kind: 'already_friend' });
    expect((await ok('GET', `/friends/${existing.id}`)).tagIds).toContain(vipTag);
    await waitFor(t.clock, async () => (await textsOf(existing.id)).includes('Instagramからようこそ！'));
    expect((await friendByUser(row.lineUserId))!.inflowRouteId).toBe(route.id);
    expect(await t.app.db.select().from(pendingInflows).where(eq(pendingInflows.lineUserId, row.lineUserId))).toHaveLength(0);

    await arrive(t, route.id, { userId: row.lineUserId });
    const arrivals = await t.app.db.select().from(inflowArrivals).where(eq(inflowArrivals.friendId, existing.id));
    expect(arrivals.map((arrival) => arrival.kind)).toEqual(['landing', 'landing']);
    await t.clock.tick(3_000);
    expect(await routeRuns(existing.id)).toHaveLength(1);
  });

  test('every time: each landing runs the actions again', async () => {
    const route = await ok('POST', '/inflow-routes', { name: 'イベント', actions: { tagIds: [], scenarioId: welcomeScenario, repeat: 'everyTime' } });
    const existing = await ok('POST', '/simulator/friends', { displayName: '渡辺' });
    const row = (await t.app.db.select().from(friends).where(eq(friends.id, existing.id)))[0]!;
    await arrive(t, route.id, { userId: row.lineUserId });
    await waitFor(t.clock, async () => (await routeRuns(existing.id)).length === 1);
    await arrive(t, route.id, { userId: row.lineUserId });
    await waitFor(t.clock, async () => (await routeRuns(existing.id)).length === 2);
  });
  test('added on LINE Login’s consent screen before the callback (bot_prompt): the route is attributed there', async () => {
    const route = await ok('POST', '/inflow-routes', { name: '同意画面', actions: { tagIds: [vipTag], scenarioId: null, repeat: 'firstTimeOnly' } });
    // The follow arrived first and found no pending inflow.
    const early = await ok('POST', '/simulator/friends', { displayName: '早い人' });
    const row = (await t.app.db.select().from(friends).where(eq(friends.id, early.id)))[0]!;
    expect(row.inflowRouteId).toBeNull();
    const landing = await land(t, route.id);
    const url = new URL(await consent(t, landing.location!, { userId: row.lineUserId }));
    url.searchParams.set('friendship_status_changed', 'true');
    expect(await callback(t, url.toString())).toMatchObject({ status: 200, kind: 'already_friend' });
    expect((await friendByUser(row.lineUserId))!.inflowRouteId).toBe(route.id);
    expect((await ok('GET', `/friends/${early.id}`)).tagIds).toContain(vipTag);
    const arrivals = await t.app.db.select().from(inflowArrivals).where(eq(inflowArrivals.friendId, early.id));
    expect(arrivals.map((arrival) => arrival.kind)).toEqual(['follow']);
  });
});

describe('bad input around the route URL', () => {
  test('an unknown route is a friendly page', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-route', '%3Cscript%3E']) {
      const answer = await land(t, id);
      expect(answer).toMatchObject({ status: 404, kind: 'unknown_route' });
      expect(answer.body).toContain('ページが見つかりません');
    }
  });

  test('a deleted route is a friendly page that still offers to add the friend, and that follow works', async () => {
    const route = await ok('POST', '/inflow-routes', { name: '旧チラシ', actions: { tagIds: [vipTag], scenarioId: null, repeat: 'everyTime' } });
    const started = await land(t, route.id);
    await ok('DELETE', `/inflow-routes/${route.id}`);
    const answer = await land(t, route.id);
    expect(answer).toMatchObject({ status: 410, kind: 'deleted_route' });
    const link = /data-testid="route-page-link" href="|href="([^"]+)" data-testid="route-page-link"/.exec(answer.body)?.[1];
    expect(link).toMatch(/\/r\/add-friend\//);
    // A login begun before the deletion ends on the same page and records nothing.
    const late = await callback(t, await consent(t, started.location!, { displayName: '遅い人' }));
    expect(late).toMatchObject({ status: 410, kind: 'deleted_route' });

    const follow = await t.app.inject({
      method: 'POST', url: new URL(link!).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'displayName=%E6%96%B0%E3%81%97%E3%81%84%E4%BA%BA',
    });
    expect(follow.body).toContain('data-kind="fake_followed"');
    const friend = await waitFor(t.clock, async () => (await t.app.db.select().from(friends).where(eq(friends.displayName, '新しい人')))[0]);
    expect(friend.inflowRouteId).toBeNull();
  });

  test('a bad, missing, forged or replayed state is refused and nothing is saved', async () => {
    const route = await ok('POST', '/inflow-routes', { name: 'state', actions: { tagIds: [vipTag], scenarioId: null, repeat: 'everyTime' } });
    const pendingBefore = (await t.app.db.select().from(pendingInflows)).length;
    for (const query of ['', '?code=abc', '?code=abc&state=short', `?code=abc&state=${'A'.repeat(32)}`, '?state=x&unknown=1', `?state=${'x'.repeat(2000)}`]) {
      const answer = await callback(t, `http://runtime.test/r/callback${query}`);
      expect(answer).toMatchObject({ status: 400, kind: 'bad_state' });
    }
    const landing = await land(t, route.id);
    const callbackUrl = await consent(t, landing.location!, { displayName: '山本' });
    expect((await callback(t, callbackUrl)).status).toBe(302);
    const replay = await callback(t, callbackUrl);
    expect(replay).toMatchObject({ status: 400, kind: 'bad_state' });
    expect((await t.app.db.select().from(pendingInflows)).length).toBe(pendingBefore + 1);
  });

  test('a bad code or a cancelled login is a clear page and saves nothing; the state is used up', async () => {
    const route = await ok('POST', '/inflow-routes', { name: 'code', actions: { tagIds: [vipTag], scenarioId: null, repeat: 'everyTime' } });
    const pendingBefore = (await t.app.db.select().from(pendingInflows)).length;
    const landing = await land(t, route.id);
    const good = new URL(await consent(t, landing.location!, { displayName: '中村' }));
    good.searchParams.set('code', 'forged-code');
    const rejected = await callback(t, good.toString());
    expect(rejected).toMatchObject({ status: 400, kind: 'login_rejected' });
    expect(rejected.body).toContain('invalid_grant');
    expect(await t.app.db.select().from(inflowLoginStates).where(eq(inflowLoginStates.state, good.searchParams.get('state')!))).toHaveLength(0);

    const noCode = new URL(await consent(t, (await land(t, route.id)).location!, { displayName: '中村' }));
    noCode.searchParams.delete('code');
    expect(await callback(t, noCode.toString())).toMatchObject({ status: 400, kind: 'login_rejected' });

    const again = await land(t, route.id);
    const cancelled = await callback(t, await consent(t, again.location!, { displayName: '小林' }, 'deny'));
    expect(cancelled).toMatchObject({ status: 400, kind: 'login_cancelled' });
    expect((await t.app.db.select().from(pendingInflows)).length).toBe(pendingBefore);
  });
});

describe('route report', () => {
  test('friends added and blocked per route per day (converted: report-conversions.test.ts)', async () => {
    const route = await ok('POST', '/inflow-routes', { name: 'レポート', actions: { tagIds: [], scenarioId: null, repeat: 'everyTime' } });
    const after = await arrive(t, route.id, { displayName: '加藤' });
    const lineUserId = await pressAddFriend(t, after.location!);
    const friend = await waitFor(t.clock, () => friendByUser(lineUserId));
    await ok('POST', `/simulator/friends/${friend.id}/block`);
    await waitFor(t.clock, async () => (await friendByUser(lineUserId))?.status === 'blocked');

    const report = await ok('GET', '/inflow-routes/report?from=2026-03-31&to=2026-04-02');
    expect(report).toMatchObject({ from: '2026-03-31', to: '2026-04-02', timeZone: 'Asia/Tokyo', conversionsAvailable: true });
    const row = report.routes.find((entry: { routeId: string }) => entry.routeId === route.id);
    expect(row.days).toEqual([
      { date: '2026-03-31', added: 0, blocked: 0, converted: 0 },
      { date: '2026-04-01', added: 1, blocked: 1, converted: 0 },
      { date: '2026-04-02', added: 0, blocked: 0, converted: 0 },
    ]);
    expect(row.totals).toEqual({ added: 1, blocked: 1, converted: 0 });
    expect((await api('GET', '/inflow-routes/report?from=2026-04-03&to=2026-04-01')).json().code).toBe('invalid_range');
    expect((await api('GET', '/inflow-routes/report?from=2026-02-30')).json().code).toBe('invalid_date');
    expect((await api('GET', '/inflow-routes/report?from=2024-01-01&to=2026-01-01')).json().code).toBe('range_too_long');
  });
});

describe('LINE Login settings in channel binding', () => {
  test('stored sealed, shown as hints; a real channel without them still offers the add-friend link', async () => {
    const channel = await ok('POST', '/channels', {
      name: '本番', lineChannelId: '1650000001', channelSecret: 'a'.repeat(32), channelAccessToken: 'x'.repeat(40),
    });
    expect(channel).toMatchObject({ login: null, loginCallbackUrl: 'http://runtime.test/r/callback' });
    const route = await ok('POST', '/inflow-routes', { name: '本番QR', channelId: channel.id });
    expect((await land(t, route.id))).toMatchObject({ status: 200, kind: 'login_not_set_up' });

    expect((await api('PUT', `/channels/${channel.id}/login`, { loginChannelId: '1650000002' })).json().code).toBe('login_secret_required');
    expect((await api('PUT', `/channels/${channel.id}/login`, { loginChannelId: '1650000002', loginChannelSecret: 'not-hex' })).statusCode).toBe(400);
    const saved = await ok('PUT', `/channels/${channel.id}/login`, { loginChannelId: '1650000002', loginChannelSecret: 'b'.repeat(28) + 'c0de', basicId: '@shop' });
    expect(saved.login).toEqual({ loginChannelId: '1650000002', loginChannelSecretHint: expect.stringMatching(/c0de$/), basicId: '@shop' });
    expect(JSON.stringify(saved)).not.toContain('b'.repeat(28));
    const stored = await t.app.pool.query('select login_channel_secret_enc from channels where id = $1', [channel.id]);
    expect(stored.rows[0].login_channel_secret_enc).not.toContain('bbbb');

    // Now the route goes to LINE's real authorize endpoint with this login channel.
    const landing = await land(t, route.id);
    expect(landing.location).toMatch(/^https:\/\/access\.line\.me\/oauth2\/v2\.1\/authorize\?/);
    expect(new URL(landing.location!).searchParams.get('client_id')).toBe('1650000002');
    const cleared = await ok('DELETE', `/channels/${channel.id}/login`);
    expect(cleared.login).toBeNull();
  });
});
