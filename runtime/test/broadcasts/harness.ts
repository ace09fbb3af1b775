import { randomBytes } from 'node:crypto';
import type { BroadcastDraftBody } from '@lsb/shared/api';
import type { TestApp } from '../support/app.ts';
import { rows, type Workspace } from '../webhook/harness.ts';

// What the broadcast tests share: friends written straight into the table (a broadcast reads them
// from there; how they arrived is the webhook's business), a draft, and calls that keep the status.

export const userId = () => `U${randomBytes(16).toString('hex')}`;

/** Inserts `count` active friends of the workspace's channel; returns their ids and LINE ids in insertion order. */
export async function seedFriends(
  t: TestApp, ws: Workspace, count: number, make: (index: number) => { displayName?: string; fields?: Record<string, unknown>; lineUserId?: string } = () => ({}),
): Promise<Array<{ id: string; lineUserId: string }>> {
  const specs = Array.from({ length: count }, (_, index) => make(index));
  const lineUserIds = specs.map((spec) => spec.lineUserId ?? userId());
  const inserted = await rows<{ id: string; line_user_id: string }>(t, `
    insert into friends (workspace_id, channel_id, line_user_id, display_name, fields, registered_at)
    select $1, $2, u, n, f::jsonb, now() from unnest($3::text[], $4::text[], $5::text[]) as v(u, n, f)
    returning id, line_user_id`,
  [ws.id, ws.channelId, lineUserIds, specs.map((spec, i) => spec.displayName ?? `友だち${i + 1}`), specs.map((spec) => JSON.stringify(spec.fields ?? {}))]);
  const byLine = new Map(inserted.map((row) => [row.line_user_id, row.id]));
  return lineUserIds.map((lineUserId) => ({ id: byLine.get(lineUserId)!, lineUserId }));
}

export function draft(overrides: Partial<BroadcastDraftBody> = {}): BroadcastDraftBody {
  return {
    name: '一斉配信', messages: [{ type: 'text', text: '本日セール開始です' }], audience: { kind: 'all' }, exclusions: [],
    options: { skipWaitingForReply: false, respectCaps: true }, schedule: { kind: 'now' }, delivery: { mode: 'off' },
    ...overrides,
  };
}

/** A call whose status the test looks at. */
export async function call(t: TestApp, ws: Workspace, method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object) {
  const response = await t.app.inject({ method, url: `/api/workspaces/${ws.id}${path}`, ...(payload ? { payload } : {}) });
  return { status: response.statusCode, body: response.body ? JSON.parse(response.body) : undefined };
}

/** Texts each LINE user received, counted per user. */
export function received(t: TestApp, lineUserIds: string[], text?: string): number[] {
  return lineUserIds.map((id) => t.app.fakeLine.users.inbox(id).filter((entry) => text === undefined || (entry.message.type === 'text' && entry.message.text.includes(text))).length);
}
