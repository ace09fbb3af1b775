import { createNode, CURRENT_SCHEMA_VERSION, type FlowGraph, type FlowNode } from '@lsb/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { followEvent } from '../../src/line/fake/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, newUserId, postEvents, publishScenario, rows, waitForFriend, type Workspace } from '../webhook/harness.ts';

// Tracked links end to end, through the real workers: a send with `{link:…}` gives each friend
// their own signed URL; opening it redirects, counts on the send's node, fires linkClicked
// triggers and moves runs waiting for the click. A token we did not sign records nothing.

let t: TestApp;
let ws: Workspace;
let linkId: string;
let welcomeId: string;

const THANKS = 'クリックありがとうございます';
const OTHER = '別シナリオ: リンクを見てくれた方へ';

const at = (y: number) => ({ x: 0, y });
const node = (id: string, type: FlowNode['type'], data: unknown, y: number): FlowNode => ({ ...createNode(type, id, at(y)), data } as FlowNode);
const edge = (source: string, sourceHandle: string, target: string) => ({ id: `${source}.${sourceHandle}`, source, sourceHandle, target });

/** follow → send a link → wait for its click (1 day) → thanks; timeout → end. */
function welcomeGraph(link: string): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      node('n0', 'trigger', { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, 0),
      node('n1', 'send', { messages: [{ type: 'text', text: `{name|お客様}さん、詳しくはこちら {link:${link}}` }] }, 160),
      node('n2', 'waitForEvent', { event: 'linkClicked', linkId: link, timeout: { amount: 1, unit: 'days' } }, 320),
      node('n3', 'send', { messages: [{ type: 'text', text: THANKS }] }, 480),
      createNode('end', 'n4', at(480)),
    ],
    edges: [edge('n0', 'next', 'n1'), edge('n1', 'next', 'n2'), edge('n2', 'done', 'n3'), edge('n2', 'timeout', 'n4')],
  };
}

function clickedGraph(link: string): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      node('n0', 'trigger', { trigger: { kind: 'linkClicked', linkId: link }, reentry: 'firstTimeOnly' }, 0),
      node('n1', 'send', { messages: [{ type: 'text', text: OTHER }] }, 160),
    ],
    edges: [edge('n0', 'next', 'n1')],
  };
}

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  linkId = (await ws.api('POST', '/links', { name: '春のLP', url: 'https://shop.example/spring?utm=line' })).id;
  welcomeId = await publishScenario(ws, 'welcome', welcomeGraph(linkId));
  await publishScenario(ws, 'clicked', clickedGraph(linkId));
});
afterAll(() => t.close());

const count = async (query: string, values: unknown[]) => Number((await rows<{ n: string }>(t, query, values))[0]?.n);

/** A new friend who has received the welcome with their link; returns the link's path on our server. */
async function friendWithLink() {
  const userId = newUserId();
  await postEvents(t, ws, [followEvent({ userId, timestamp: t.clock.now() })]);
  const friend = await waitForFriend(t, userId);
  const [text] = await waitFor(t.clock, async () => inboxTexts(t, userId).length > 0 && inboxTexts(t, userId));
  const url = /http\S+/.exec(text!)?.[0];
  expect(url).toBeDefined();
  return { userId, friend, url: new URL(url!) };
}

const open = (path: string) => t.app.inject({ method: 'GET', url: path });
const clicks = (friendId: string) => count('select count(*) as n from link_clicks where friend_id = $1', [friendId]);

describe('tracked links', () => {
  test('each friend gets their own URL on PUBLIC_URL, which redirects to the link and counts', async () => {
    const a = await friendWithLink();
    const b = await friendWithLink();
    expect(a.url.origin).toBe('http://runtime.test');
    expect(a.url.pathname).toMatch(new RegExp(`^/l/[A-Za-z0-9_-]{86}/${linkId}$`));
    expect(b.url.pathname).not.toBe(a.url.pathname);
    // Personal, so each went as a push of its own.
    expect(inboxTexts(t, a.userId)[0]).toMatch(/さん、詳しくはこちら http:\/\/runtime\.test\/l\//);

    const response = await open(a.url.pathname);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('https://shop.example/spring?utm=line');

    const [click] = await rows<{ send_id: string | null; link_id: string }>(t, 'select * from link_clicks where friend_id = $1', [a.friend.id]);
    const [send] = await rows<{ id: string }>(t, "select id from sends where friend_id = $1 and node_id = 'n1'", [a.friend.id]);
    expect(click).toMatchObject({ link_id: linkId, send_id: send!.id });
    const [friend] = await rows<{ last_reaction_at: Date | null }>(t, 'select last_reaction_at from friends where id = $1', [a.friend.id]);
    expect(friend!.last_reaction_at).not.toBeNull();
    expect(await count("select count(*) as n from timeline_entries where friend_id = $1 and kind = 'link_clicked'", [a.friend.id])).toBe(1);

    // The waiting run moves on (thanks), and the other scenario's linkClicked trigger fires.
    await waitFor(t.clock, async () => inboxTexts(t, a.userId).includes(THANKS) && inboxTexts(t, a.userId).includes(OTHER));
    const stats = await ws.api('GET', `/scenarios/${welcomeId}/stats`);
    expect(stats.nodes.n1.clicked).toBe(1);
    // b has not clicked: still waiting at the wait-for-event node.
    expect(inboxTexts(t, b.userId)).toHaveLength(1);
    expect(stats.nodes.n2.waiting).toBeGreaterThanOrEqual(1);
  });

  test('a repeat open still redirects but counts once: no second click, activity or trigger', async () => {
    const a = await friendWithLink();
    expect((await open(a.url.pathname)).statusCode).toBe(302);
    await waitFor(t.clock, async () => inboxTexts(t, a.userId).includes(OTHER));
    const before = (await ws.api('GET', `/scenarios/${welcomeId}/stats`)).nodes.n1.clicked as number;
    const again = await open(a.url.pathname);
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toBe('https://shop.example/spring?utm=line');
    expect(await clicks(a.friend.id)).toBe(1);
    expect(await count("select count(*) as n from timeline_entries where friend_id = $1 and kind = 'link_clicked'", [a.friend.id])).toBe(1);
    expect((await ws.api('GET', `/scenarios/${welcomeId}/stats`)).nodes.n1.clicked).toBe(before);
    // The second activity finds nothing waiting and the trigger is first-time-only: no more messages.
    for (let round = 0; round < 20; round++) await t.clock.tick(100);
    expect(inboxTexts(t, a.userId).filter((text) => text === OTHER)).toHaveLength(1);
  });

  test('publishing a send whose {link:…} is not in the workspace is refused', async () => {
    const scenario = await ws.api('POST', '/scenarios', { name: 'broken', graph: welcomeGraph('00000000-0000-4000-8000-000000000000') });
    const response = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/scenarios/${scenario.id}/publish` });
    expect(response.statusCode).toBe(422);
    expect(response.body).toContain('unknownLink');
  });

  test('a tampered token, another link or a malformed link id: 404 and nothing recorded', async () => {
    const a = await friendWithLink();
    const [, , token] = a.url.pathname.split('/');
    const flipped = `${token!.slice(0, 10)}${token![10] === 'A' ? 'B' : 'A'}${token!.slice(11)}`;
    const otherLink = (await ws.api('POST', '/links', { name: '別LP', url: 'https://shop.example/other' })).id;
    for (const path of [`/l/${flipped}/${linkId}`, `/l/${token}x/${linkId}`, `/l/short/${linkId}`, `/l/${token}/not-a-uuid`, `/l/${token}/00000000-0000-4000-8000-000000000000`]) {
      const response = await open(path);
      expect(response.statusCode, path).toBe(404);
      expect(response.headers['content-type']).toMatch(/text\/html/);
    }
    // Another link of the same workspace with a genuine token is a click on that link (a friend may
    // be sent several), but a link of another workspace is not.
    const elsewhere = await createWorkspace(t, 'Elsewhere');
    const foreign = (await elsewhere.api('POST', '/links', { name: 'x', url: 'https://x.example' })).id;
    expect((await open(`/l/${token}/${foreign}`)).statusCode).toBe(404);
    expect(await clicks(a.friend.id)).toBe(0);
    expect((await open(`/l/${token}/${otherLink}`)).statusCode).toBe(302);
    const [click] = await rows<{ link_id: string; send_id: string | null }>(t, 'select * from link_clicks where friend_id = $1', [a.friend.id]);
    expect(click).toMatchObject({ link_id: otherLink, send_id: null });
  });

  test('preview fetchers and HEAD requests are redirected without counting; an expired token opens without counting', async () => {
    const a = await friendWithLink();
    for (const agent of ['facebookexternalhit/1.1', 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'Mozilla/5.0 (compatible; Discordbot/2.0)', 'Twitterbot/1.0']) {
      const response = await t.app.inject({ method: 'GET', url: a.url.pathname, headers: { 'user-agent': agent } });
      expect(response.statusCode, agent).toBe(302);
    }
    expect((await t.app.inject({ method: 'HEAD', url: a.url.pathname })).statusCode).toBe(302);
    expect(await clicks(a.friend.id)).toBe(0);

    const [, , token] = a.url.pathname.split('/');
    const claim = t.app.clickTokens.verify(token!, t.app.clock.now());
    expect(claim?.expired).toBe(false);
    const expired = t.app.clickTokens.sign({ friendId: a.friend.id, runId: claim!.runId }, new Date(t.app.clock.now().getTime() - 400 * 86_400_000));
    const late = await open(`/l/${expired}/${linkId}`);
    expect(late.statusCode).toBe(302);
    expect(late.headers.location).toBe('https://shop.example/spring?utm=line');
    expect(await clicks(a.friend.id)).toBe(0);
  });

  test('a link only ever redirects to its stored http(s) address, checked when it is made or changed', async () => {
    for (const url of ['javascript:alert(1)', 'https://', 'http://user:pass@evil.example/', 'https:evil', 'data:text/html,x', '//evil.example']) {
      const created = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/links`, payload: { name: `bad ${url}`, url } });
      expect(created.statusCode, url).toBe(400);
      const changed = await t.app.inject({ method: 'PATCH', url: `/api/workspaces/${ws.id}/links/${linkId}`, payload: { url } });
      expect(changed.statusCode, url).toBe(400);
    }
    const a = await friendWithLink();
    // Whatever is appended to the URL, the answer points at the stored address.
    for (const suffix of ['?next=https://evil.example', '/https%3A%2F%2Fevil.example', '#https://evil.example']) {
      const response = await open(`${a.url.pathname}${suffix}`);
      if (response.statusCode === 302) expect(response.headers.location).toBe('https://shop.example/spring?utm=line');
      else expect(response.statusCode).toBe(404);
    }
  });
});
