import { createNode, CURRENT_SCHEMA_VERSION, type FlowGraph, type FlowNode } from '@lsb/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { followEvent } from '../../src/line/fake/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addMember } from '../support/auth.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, newUserId, postEvents, publishScenario, rows, waitForFriend, type Workspace } from '../webhook/harness.ts';

// Conversions end to end on real PostgreSQL with the workers: points, recording by API token,
// pixel, redirect and by hand; attribution to the clicked node; tags, conversion triggers and
// wait-for-event; and every kind of bad input answered clearly and counted at most once.

let t: TestApp;
let ws: Workspace;
let linkId: string;
let pointId: string;
let tagId: string;
let scenarioId: string;
let secret: string;

const THANKS = 'ご購入ありがとうございます';
const OTHER = 'CVシナリオ: 次回使えるクーポン';
const SHOP = 'https://shop.example/thanks';
const at = (y: number) => ({ x: 0, y });
const node = (id: string, type: FlowNode['type'], data: unknown, y: number): FlowNode => ({ ...createNode(type, id, at(y)), data } as FlowNode);
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}.${sourceHandle}`, source, sourceHandle, target });

function welcomeGraph(link: string, point: string): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      node('n0', 'trigger', { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, 0),
      node('n1', 'send', { messages: [{ type: 'text', text: `セール中です {link:${link}}` }] }, 160),
      node('n2', 'waitForEvent', { event: 'conversion', pointId: point, timeout: { amount: 1, unit: 'days' } }, 320),
      node('n3', 'send', { messages: [{ type: 'text', text: THANKS }] }, 480),
    ],
    edges: [edge('n0', 'next', 'n1'), edge('n1', 'next', 'n2'), edge('n2', 'done', 'n3')],
  };
}

function conversionTriggerGraph(point: string): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      node('n0', 'trigger', { trigger: { kind: 'conversion', pointId: point }, reentry: 'everyTime' }, 0),
      node('n1', 'send', { messages: [{ type: 'text', text: OTHER }] }, 160),
    ],
    edges: [edge('n0', 'next', 'n1')],
  };
}

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  linkId = (await ws.api('POST', '/links', { name: 'セールLP', url: 'https://shop.example/sale?utm=line' })).id;
  tagId = (await ws.api('POST', '/tags', { name: '購入者' })).id;
  const point = await ws.api('POST', '/conversion-points', { name: '購入', defaultValue: 1000, urls: [SHOP, 'https://shop.example/mypage'], addTagIds: [tagId] });
  pointId = point.id;
  scenarioId = await publishScenario(ws, 'welcome', welcomeGraph(linkId, pointId));
  await publishScenario(ws, 'cv', conversionTriggerGraph(pointId));
  secret = (await ws.api('POST', '/tokens', { name: 'shop backend', role: 'editor' })).secret;
});
afterAll(() => t.close());

const count = async (query: string, values: unknown[]) => Number((await rows<{ n: string }>(t, query, values))[0]?.n);
const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.anonymous({ method, url: `/api/workspaces/${ws.id}${url}`, headers: { authorization: `Bearer ${secret}` }, ...(payload ? { payload } : {}) });

/** A new friend who got the sale link; returns their link path and the click token in it. */
async function friendWithLink() {
  const userId = newUserId();
  await postEvents(t, ws, [followEvent({ userId, timestamp: t.clock.now() })]);
  const friend = await waitForFriend(t, userId);
  const [text] = await waitFor(t.clock, async () => inboxTexts(t, userId).length > 0 && inboxTexts(t, userId));
  const url = new URL(/http\S+/.exec(text!)![0]);
  const token = url.pathname.split('/')[2]!;
  return { userId, friend, path: url.pathname, token };
}

describe('conversion points', () => {
  test('are listed with their pixel and redirect addresses; names are unique; URLs must be safe', async () => {
    const { points } = await ws.api('GET', '/conversion-points');
    expect(points).toHaveLength(1);
    expect(points[0]).toMatchObject({ name: '購入', defaultValue: 1000, attributionDays: 7, urls: [SHOP, 'https://shop.example/mypage'] });
    expect(points[0].pixelUrl).toBe(`http://runtime.test/c/${pointId}/pixel.gif?ct={ct}`);
    const taken = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/conversion-points`, payload: { name: '購入' } });
    expect([taken.statusCode, taken.json().code]).toEqual([409, 'conversion_point_name_taken']);
    const unsafe = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/conversion-points`, payload: { name: 'x', urls: ['https://user:pw@evil.example/'] } });
    expect([unsafe.statusCode, unsafe.json().code]).toEqual([400, 'invalid_conversion_url']);
  });
});

describe('recording', () => {
  test('a tracked link into the shop carries the click token; the API records with it, attributed to the clicked node', async () => {
    const a = await friendWithLink();
    const open = await t.app.inject({ method: 'GET', url: a.path });
    expect(open.statusCode).toBe(302);
    expect(open.headers.location).toBe(`https://shop.example/sale?utm=line&lsb_ct=${a.token}`);

    const recorded = await api('POST', '/conversions', { pointId, clickToken: a.token, value: 4980, orderId: 'order-1' });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      duplicate: false,
      conversion: { pointId, name: '購入', friendId: a.friend.id, value: 4980, orderId: 'order-1', source: 'api', attribution: { kind: 'node', scenarioId, nodeId: 'n1', via: 'click' } },
    });
    // The point's tag, the timeline, the waiting run moves on, the conversion trigger fires.
    expect(await count('select count(*) as n from friend_tags where friend_id = $1 and tag_id = $2', [a.friend.id, tagId])).toBe(1);
    expect(await count("select count(*) as n from timeline_entries where friend_id = $1 and kind = 'converted'", [a.friend.id])).toBe(1);
    await waitFor(t.clock, async () => inboxTexts(t, a.userId).includes(THANKS) && inboxTexts(t, a.userId).includes(OTHER));

    // The order id replayed: 200, the first recording, nothing more.
    const replay = await api('POST', '/conversions', { pointId, clickToken: a.token, value: 9999, orderId: 'order-1' });
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toMatchObject({ duplicate: true, conversion: { id: recorded.json().conversion.id, value: 4980 } });
    expect(await count('select count(*) as n from conversions where friend_id = $1', [a.friend.id])).toBe(1);
    for (let round = 0; round < 10; round++) await t.clock.tick(100);
    expect(inboxTexts(t, a.userId).filter((text) => text === OTHER)).toHaveLength(1);

    const measures = await ws.api('GET', `/scenarios/${scenarioId}/measure/nodes`);
    expect(measures.nodes.n1).toMatchObject({ sent: 1, uniqueClicks: 1, conversions: 1, conversionValue: 4980 });
  });

  test('without a click, the conversion goes to the friend\'s last send; the point\'s default value applies', async () => {
    const b = await friendWithLink();
    await waitFor(t.clock, async () => (await rows(t, "select 1 from sends where friend_id = $1 and status = 'sent'", [b.friend.id])).length > 0);
    const recorded = await api('POST', '/conversions', { pointId, lineUserId: b.userId });
    expect(recorded.json().conversion).toMatchObject({ value: 1000, attribution: { kind: 'node', nodeId: 'n1', via: 'send' } });
  });

  test('by hand on the friend page: source manual; a viewer may not', async () => {
    const c = await friendWithLink();
    const manual = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/friends/${c.friend.id}/conversions`, payload: { pointId, value: '1980.50' } });
    expect(manual.statusCode).toBe(201);
    expect(manual.json().conversion).toMatchObject({ source: 'manual', value: 1980.5 });
    const list = await ws.api('GET', `/friends/${c.friend.id}/conversions`);
    expect(list.conversions).toHaveLength(1);
    const viewer = await addMember(t.anonymous, t.owner, t.owner, ws.id, 'viewer');
    const refused = await viewer.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/friends/${c.friend.id}/conversions`, payload: { pointId } });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'forbidden']);
  });
});

describe('bad input is answered clearly and counts nothing', () => {
  test('unknown point, bad values, forged or unknown tokens, no friend named', async () => {
    const d = await friendWithLink();
    const before = await count('select count(*) as n from conversions', []);
    const cases: Array<[object, number, string]> = [
      [{ pointId: '00000000-0000-4000-8000-000000000000', friendId: d.friend.id }, 404, 'conversion_point_not_found'],
      [{ pointId, friendId: d.friend.id, value: -1 }, 400, 'invalid_conversion_value'],
      [{ pointId, friendId: d.friend.id, value: 'abc' }, 400, 'invalid_conversion_value'],
      [{ pointId, friendId: d.friend.id, value: 1.234 }, 400, 'invalid_conversion_value'],
      [{ pointId, clickToken: `${d.token.slice(0, -2)}AA` }, 400, 'invalid_click_token'],
      [{ pointId, clickToken: 'not-a-token' }, 400, 'invalid_click_token'],
      [{ pointId }, 400, 'friend_required'],
      [{ pointId, friendId: d.friend.id, lineUserId: d.userId }, 400, 'friend_required'],
      [{ pointId, friendId: '00000000-0000-4000-8000-000000000000' }, 404, 'friend_not_found'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await api('POST', '/conversions', payload);
      expect([response.statusCode, response.json().code], JSON.stringify(payload)).toEqual([status, code]);
    }
    expect(await count('select count(*) as n from conversions', [])).toBe(before);
  });

  test('a token from another workspace names no friend here', async () => {
    const other = await createWorkspace(t, 'Other');
    const otherPoint = (await other.api('POST', '/conversion-points', { name: '購入' })).id;
    const d = await friendWithLink();
    const response = await t.app.inject({ method: 'POST', url: `/api/workspaces/${other.id}/conversions`, payload: { pointId: otherPoint, clickToken: d.token } });
    expect([response.statusCode, response.json().code]).toEqual([400, 'invalid_click_token']);
  });
});

describe('pixel and redirect', () => {
  const pixel = (query: string, userAgent = 'Mozilla/5.0 (iPhone) Safari') =>
    t.anonymous({ method: 'GET', url: `/c/${pointId}/pixel.gif?${query}`, headers: { 'user-agent': userAgent } });

  test('the pixel is always a GIF; the header says what happened; preview fetchers and replays count nothing', async () => {
    const e = await friendWithLink();
    const conversions = () => count('select count(*) as n from conversions where friend_id = $1', [e.friend.id]);
    for (const agent of ['facebookexternalhit/1.1', 'Twitterbot/1.0', 'Slackbot-LinkExpanding 1.0', 'Mozilla/5.0 (compatible; LineUrlPreview)']) {
      const preview = await pixel(`ct=${e.token}&order=p-1`, agent);
      expect([preview.statusCode, preview.headers['content-type'], preview.headers['x-lsb-conversion']]).toEqual([200, 'image/gif', 'preview']);
    }
    expect(await conversions()).toBe(0);
    const counted = await pixel(`ct=${e.token}&order=p-1&value=2500`);
    expect([counted.statusCode, counted.headers['x-lsb-conversion'], counted.rawPayload.length]).toEqual([200, 'counted', 42]);
    expect((await pixel(`ct=${e.token}&order=p-1&value=2500`)).headers['x-lsb-conversion']).toBe('duplicate');
    expect((await pixel(`ct=forged${e.token.slice(6)}`)).headers['x-lsb-conversion']).toBe('invalid_token');
    expect((await pixel('')).headers['x-lsb-conversion']).toBe('invalid_token');
    expect((await pixel(`ct=${e.token}&value=-5`)).headers['x-lsb-conversion']).toBe('invalid_value');
    const unknown = await t.anonymous({ method: 'GET', url: `/c/00000000-0000-4000-8000-000000000000/pixel.gif?ct=${e.token}` });
    expect([unknown.statusCode, unknown.headers['x-lsb-conversion']]).toEqual([200, 'unknown_point']);
    expect(await conversions()).toBe(1);
    const [row] = await rows<{ source: string; value: string }>(t, 'select source, value from conversions where friend_id = $1', [e.friend.id]);
    expect([row!.source, Number(row!.value)]).toEqual(['pixel', 2500]);
  });

  test('the redirect goes only to the point\'s own URLs, never where the query says', async () => {
    const f = await friendWithLink();
    const go = (query: string) => t.anonymous({ method: 'GET', url: `/c/${pointId}/go?${query}` });
    const first = await go(`ct=${f.token}&order=r-1`);
    expect([first.statusCode, first.headers.location, first.headers['x-lsb-conversion']]).toEqual([302, SHOP, 'counted']);
    const second = await go(`ct=${f.token}&to=${encodeURIComponent('https://shop.example/mypage')}`);
    expect(second.headers.location).toBe('https://shop.example/mypage');
    for (const to of ['https://evil.example/', '//evil.example', 'javascript:alert(1)', `${SHOP}@evil.example`, 'https://shop.example.evil.example/thanks']) {
      const attempt = await go(`ct=${f.token}&to=${encodeURIComponent(to)}`);
      expect([attempt.statusCode, attempt.headers.location], to).toEqual([302, SHOP]);
    }
    const unknown = await t.anonymous({ method: 'GET', url: `/c/00000000-0000-4000-8000-000000000000/go?to=${encodeURIComponent('https://evil.example/')}` });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers.location).toBeUndefined();
    const malformed = await t.anonymous({ method: 'GET', url: '/c/not-a-uuid/go?to=https://evil.example/' });
    expect([malformed.statusCode, malformed.headers.location]).toEqual([404, undefined]);
  });
});
