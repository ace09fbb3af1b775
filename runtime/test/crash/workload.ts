import { CURRENT_SCHEMA_VERSION, type FlowGraph, type FlowNode, type ReentryPolicy } from '@lsb/shared';
import type pg from 'pg';
import { httpSession, type HttpSession } from '../support/http-session.ts';

/** Seeded randomness (mulberry32), so a failing run's kill moments and friends can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Two scenarios, both entered by hand. "steps" (first time only): A (the same for everyone, so
 * cohorts leave as multicast) then B (personalised, one push each). "campaign" (every time, so an
 * enrol job run twice would send twice): C then D, identical for everyone, all by multicast.
 */
export const TEXTS = {
  a: 'A: ご登録ありがとうございます',
  b: (name: string) => `B: ${name}さん、明日から配信が始まります`,
  c: 'C: 本日限定セールのお知らせ',
  d: 'D: セールは今夜23:59までです',
} as const;

const column = (row: number) => ({ x: 0, y: row * 160 });

function manualLine(reentry: ReentryPolicy, texts: string[]): FlowGraph {
  const nodes: FlowNode[] = [
    { id: 'trigger', type: 'trigger', position: column(0), data: { trigger: { kind: 'manual' }, reentry } },
    ...texts.map((text, index): FlowNode => ({
      id: `send-${index + 1}`, type: 'send', position: column(index + 1), data: { messages: [{ type: 'text', text }] },
    })),
    { id: 'end', type: 'end', position: column(texts.length + 1), data: {} },
  ];
  const edges = nodes.slice(1).map((node, index) => ({ id: `e${index}`, source: nodes[index]!.id, sourceHandle: 'next', target: node.id }));
  return { schemaVersion: CURRENT_SCHEMA_VERSION, nodes, edges };
}

export const stepsScenario = () => manualLine('firstTimeOnly', [TEXTS.a, TEXTS.b('{name}')]);
export const campaignScenario = () => manualLine('everyTime', [TEXTS.c, TEXTS.d]);

export interface Friend { id: string; lineUserId: string; displayName: string }

/** Friends written straight into the table, as follow events would have left them. */
export async function insertFriends(pool: pg.Pool, workspaceId: string, channelId: string, count: number, random: () => number): Promise<Friend[]> {
  const hex = () => Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  const wanted = Array.from({ length: count }, (_, index) => ({ lineUserId: `U${hex()}`, displayName: `友だち${index + 1}` }));
  const { rows } = await pool.query<{ id: string; line_user_id: string; display_name: string }>(
    `insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
     select $1, $2, u, n, now() from unnest($3::text[], $4::text[]) as t(u, n)
     returning id, line_user_id, display_name`,
    [workspaceId, channelId, wanted.map((f) => f.lineUserId), wanted.map((f) => f.displayName)],
  );
  return rows.map((row) => ({ id: row.id, lineUserId: row.line_user_id, displayName: row.display_name }));
}

/** The runtime's JSON API over HTTP, failing loudly on any error status. */
export function apiClient(baseUrl: string) {
  let session: Promise<HttpSession> | undefined;
  return async <T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, body?: object): Promise<T> => {
    session ??= httpSession(baseUrl);
    const response = await (await session).fetch(path, { method, ...(body ? { body } : {}) });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as T;
  };
}
