import { expect, type APIRequestContext } from '@playwright/test';
import type { FlowGraph } from '@lsb/shared';

// The runtime's HTTP API as the journeys use it for set-up and for checking what really happened
// (the fake LINE inbox, a friend's runs). What a marketer does goes through the browser instead.

async function ok<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export interface Workspace { id: string; name: string }
export interface Friend { id: string; displayName: string; status: 'active' | 'blocked' }
export interface FriendRun { id: string; scenarioId: string; versionId: string; status: string; currentNodeId: string | null }
export interface FriendDetail extends Friend { tagIds: string[]; runs: FriendRun[] }

/** Each journey works in a workspace of its own (bound to the fake LINE channel), so none depends on another. */
export async function createWorkspace(request: APIRequestContext, name: string): Promise<Workspace> {
  return ok(await request.post('/api/workspaces', { data: { name: `${name} ${Date.now().toString(36)}`, timeZone: 'Asia/Tokyo' } }));
}

export async function createTag(request: APIRequestContext, ws: string, name: string): Promise<string> {
  return (await ok<{ id: string }>(await request.post(`/api/workspaces/${ws}/tags`, { data: { name } }))).id;
}

export async function createScenario(request: APIRequestContext, ws: string, name: string, graph: FlowGraph): Promise<string> {
  return (await ok<{ id: string }>(await request.post(`/api/workspaces/${ws}/scenarios`, { data: { name, graph } }))).id;
}

export async function publish(request: APIRequestContext, ws: string, scenarioId: string): Promise<number> {
  return (await ok<{ version: number }>(await request.post(`/api/workspaces/${ws}/scenarios/${scenarioId}/publish`))).version;
}

export async function getScenarioDraft(request: APIRequestContext, ws: string, scenarioId: string): Promise<{ draft: FlowGraph; publishedVersion: number | null }> {
  return ok(await request.get(`/api/workspaces/${ws}/scenarios/${scenarioId}`));
}

export async function friendDetail(request: APIRequestContext, ws: string, friendId: string): Promise<FriendDetail> {
  return ok(await request.get(`/api/workspaces/${ws}/friends/${friendId}`));
}

/** Every text the fake LINE server delivered to the friend, in order (other types as `[type]`). */
export async function inboxTexts(request: APIRequestContext, ws: string, friendId: string): Promise<string[]> {
  const { entries } = await ok<{ entries: { messages: { type: string; text?: string }[] }[] }>(
    await request.get(`/api/workspaces/${ws}/simulator/friends/${friendId}/inbox`),
  );
  return entries.flatMap((entry) => entry.messages.map((m) => m.text ?? `[${m.type}]`));
}

interface NodeStats { entered: number; sent?: number }

/** Send nodes of every published version of the scenario (ids persist across versions). */
async function sendNodeIds(request: APIRequestContext, ws: string, scenarioId: string): Promise<Set<string>> {
  const versions = await ok<{ id: string }[]>(await request.get(`/api/workspaces/${ws}/scenarios/${scenarioId}/versions`));
  const ids = new Set<string>();
  for (const version of versions) {
    const detail = await ok<{ graph: FlowGraph }>(await request.get(`/api/workspaces/${ws}/scenarios/${scenarioId}/versions/${version.id}`));
    for (const node of detail.graph.nodes) if (node.type === 'send') ids.add(node.id);
  }
  return ids;
}

/**
 * The scenario's outbox is empty: every visit to a send node has been delivered (sent === entered)
 * and no run is mid-step. After this, an inbox that still holds exactly the expected messages
 * proves nothing else is on its way, without sleeping for "long enough".
 */
export async function expectOutboxDrained(request: APIRequestContext, ws: string, scenarioId: string): Promise<void> {
  const sends = await sendNodeIds(request, ws, scenarioId);
  await expect.poll(async () => {
    const { nodes } = await ok<{ nodes: Record<string, NodeStats> }>(await request.get(`/api/workspaces/${ws}/scenarios/${scenarioId}/stats`));
    return Object.entries(nodes).filter(([id, s]) => sends.has(id) && (s.sent ?? 0) !== s.entered).map(([id, s]) => `${id}: ${s.sent ?? 0}/${s.entered}`);
  }, { timeout: 20_000, message: 'sends still queued (sent/entered)' }).toEqual([]);
}

/** Waits for the fake LINE inbox to hold exactly `expected`, then for the outbox to drain, and checks again. */
export async function expectInboxExactly(request: APIRequestContext, ws: string, friendId: string, scenarioId: string, expected: string[]): Promise<void> {
  await expect.poll(() => inboxTexts(request, ws, friendId), { timeout: 20_000 }).toEqual(expected);
  await expectOutboxDrained(request, ws, scenarioId);
  expect(await inboxTexts(request, ws, friendId)).toEqual(expected);
}
