import { randomBytes } from 'node:crypto';
import { CURRENT_SCHEMA_VERSION, type FlowGraph, type FlowNode, type TriggerData } from '@lsb/shared';
import { expect } from 'vitest';
import { signWebhookBody } from '../../src/line/signature.ts';
import type { TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';

// What the webhook and sending tests share: a workspace bound to the built-in fake LINE, signed
// posts to its webhook, and small linear scenarios published through the API.

/** Parsed API JSON, loosely typed as tests read it. */
type Json = ReturnType<typeof JSON.parse>;

export interface Workspace {
  id: string;
  channelId: string;
  channelSecret: string;
  api(method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, payload?: object): Promise<Json>;
}

export async function createWorkspace(t: TestApp, name = 'Shop'): Promise<Workspace> {
  const id: string = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name } })).json().id;
  const api = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, payload?: object): Promise<Json> => {
    const response = await t.app.inject({ method, url: `/api/workspaces/${id}${path}`, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const [channel] = await api('GET', '/channels');
  const credentials = await t.app.channelCredentials.get(channel.id);
  return { id, channelId: channel.id, channelSecret: credentials!.channelSecret, api };
}

/** A LINE user id in LINE's format, so the fake accepts pushes to it. */
export const newUserId = () => `U${randomBytes(16).toString('hex')}`;

export interface PostOptions {
  secret?: string;
  /** Overrides the computed signature; `null` leaves the header out. */
  signature?: string | null;
  contentType?: string;
}

/** Posts raw bytes to the webhook as LINE does: signed over exactly those bytes. */
export function postWebhook(t: TestApp, channelId: string, body: string | Buffer, options: PostOptions & { secret: string }) {
  const signature = options.signature === undefined ? signWebhookBody(body, options.secret) : options.signature;
  return t.app.inject({
    method: 'POST',
    url: `/webhooks/line/${channelId}`,
    headers: {
      'content-type': options.contentType ?? 'application/json; charset=utf-8',
      ...(signature === null ? {} : { 'x-line-signature': signature }),
    },
    payload: body,
  });
}

export async function postEvents(t: TestApp, ws: Workspace, events: object[]) {
  const response = await postWebhook(t, ws.channelId, JSON.stringify({ destination: `U${'0'.repeat(32)}`, events }), { secret: ws.channelSecret });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { received: number };
}

type Step =
  | { send: string }
  | { waitMinutes: number }
  | { waitDayAt: { days: number; time: string } };

/** trigger → steps…, one straight line; node ids are `n1`, `n2`, … in order. */
export function linearScenario(trigger: TriggerData, steps: Step[]): FlowGraph {
  const nodes: FlowNode[] = [{ id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: trigger }];
  steps.forEach((step, index) => {
    const id = `n${index + 1}`;
    const position = { x: 0, y: (index + 1) * 160 };
    if ('send' in step) nodes.push({ id, type: 'send', position, data: { messages: [{ type: 'text', text: step.send }] } });
    else if ('waitMinutes' in step) nodes.push({ id, type: 'wait', position, data: { mode: 'elapsed', amount: step.waitMinutes, unit: 'minutes' } });
    else nodes.push({ id, type: 'wait', position, data: { mode: 'dayAt', ...step.waitDayAt } });
  });
  const edges = nodes.slice(1).map((node, index) => ({ id: `e${index}`, source: `n${index}`, sourceHandle: 'next', target: node.id }));
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes, edges };
}

export async function publishScenario(ws: Workspace, name: string, graph: FlowGraph): Promise<string> {
  const scenario = await ws.api('POST', '/scenarios', { name, graph });
  await ws.api('POST', `/scenarios/${scenario.id}/publish`);
  return scenario.id;
}

/** The texts a LINE user holds in the fake's inbox, oldest first. */
export function inboxTexts(t: TestApp, lineUserId: string): string[] {
  return t.app.fakeLine.users.inbox(lineUserId).map((entry) => (entry.message.type === 'text' ? entry.message.text : `<${entry.message.type}>`));
}

/** Requests the fake answered on a send endpoint, in order. */
export function sendRequests(t: TestApp) {
  return t.app.fakeLine.requests.list().filter((request) => request.endpoint === 'push' || request.endpoint === 'multicast');
}

export async function friendByLineUserId(t: TestApp, lineUserId: string) {
  const { rows } = await t.database.pool.query('select * from friends where line_user_id = $1', [lineUserId]);
  return rows[0] as { id: string; status: string; display_name: string } | undefined;
}

export const waitForFriend = (t: TestApp, lineUserId: string) => waitFor(t.clock, () => friendByLineUserId(t, lineUserId));

export async function rows<T = Record<string, unknown>>(t: TestApp, query: string, values: unknown[] = []): Promise<T[]> {
  return (await t.database.pool.query(query, values)).rows as T[];
}
