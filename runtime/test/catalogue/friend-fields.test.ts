import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

// A friend's field values set by hand: checked by kind, all or nothing.

let t: TestApp;
let ws: string;
let otherWs: string;
let friendId: string;
const f: Record<'memo' | 'visit' | 'spend' | 'plan', string> = { memo: '', visit: '', spend: '', plan: '' };
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const put = (workspaceId: string, id: string, payload: object) =>
  t.app.inject({ method: 'PUT', url: `/api/workspaces/${workspaceId}/friends/${id}/fields`, payload });
const fieldsOf = async (id = friendId) => (await t.app.inject({ method: 'GET', url: `/api/workspaces/${ws}/friends/${id}` })).json().fields;

beforeAll(async () => {
  t = await createTestApp();
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Fields' } })).json().id;
  otherWs = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Other' } })).json().id;
  const create = async (payload: object) => (await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/fields`, payload })).json().id;
  f.memo = await create({ name: 'メモ', kind: 'text' });
  f.visit = await create({ name: '予約日', kind: 'date' });
  f.spend = await create({ name: '年間利用額', kind: 'number' });
  f.plan = await create({ name: 'プラン', kind: 'choice', choices: ['松', '竹'] });
  const channels = (await t.app.inject({ method: 'GET', url: `/api/workspaces/${ws}/channels` })).json();
  const { rows } = await t.database.pool.query(
    `insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at) values ($1, $2, 'U0001', '鈴木', now()) returning id`,
    [ws, channels[0].id],
  );
  friendId = rows[0].id;
});
afterAll(() => t.close());

describe('friend field values', () => {
  test('every kind is set, shown on the friend, noted on the timeline, and cleared with null', async () => {
    const response = await put(ws, friendId, { values: { [f.memo]: '窓際希望', [f.visit]: '2026-12-10', [f.spend]: 350000, [f.plan]: '竹' } });
    expect(response.statusCode).toBe(200);
    expect(response.json().fields).toEqual({ [f.memo]: '窓際希望', [f.visit]: '2026-12-10', [f.spend]: 350000, [f.plan]: '竹' });
    expect(response.json().timeline.filter((e: { kind: string }) => e.kind === 'field_set')).toHaveLength(4);
    expect((await put(ws, friendId, { values: { [f.memo]: null, [f.spend]: 0 } })).statusCode).toBe(200);
    expect(await fieldsOf()).toEqual({ [f.visit]: '2026-12-10', [f.spend]: 0, [f.plan]: '竹' });
  });

  test.each([
    ['a word for a number', () => ({ [f.spend]: '35万' }), 'notNumber'],
    ['a number for a date', () => ({ [f.visit]: 20261210 }), 'notDate'],
    ['a date that does not exist', () => ({ [f.visit]: '2026-02-30' }), 'notDate'],
    ['a slashed date', () => ({ [f.visit]: '12/10' }), 'notDate'],
    ['a choice that is not offered', () => ({ [f.plan]: '梅' }), 'notChoice'],
    ['a number for a text', () => ({ [f.memo]: 5 }), 'notText'],
    ['an unknown field', () => ({ [UNKNOWN]: 'x' }), 'unknownField'],
    ['a field id that is not an id', () => ({ 'not-an-id': 'x' }), 'unknownField'],
  ])('%s is refused with a stable code, and a right value beside it is not written either', async (_label, values, problem) => {
    const before = await fieldsOf();
    const wrong = values();
    const response = await put(ws, friendId, { values: { [f.memo]: '書かれないはず', ...wrong } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_field_value', details: { fields: { [Object.keys(wrong)[0]!]: problem } } });
    expect(await fieldsOf()).toEqual(before);
  });

  test('shapes the schema refuses: no values, an object as a value, an extra property', async () => {
    for (const payload of [{ values: {} }, { values: { [f.memo]: { a: 1 } } }, { values: { [f.memo]: 'x' }, extra: 1 }, {}]) {
      const response = await put(ws, friendId, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().code).toBe('invalid_request');
    }
  });

  test('an unknown friend, another workspace\'s friend or field is a 404 / refused, and nothing changes', async () => {
    const before = await fieldsOf();
    expect((await put(ws, UNKNOWN, { values: { [f.memo]: 'x' } })).json().code).toBe('friend_not_found');
    expect((await put(otherWs, friendId, { values: { [f.memo]: 'x' } })).statusCode).toBe(404);
    const foreign = (await t.app.inject({ method: 'POST', url: `/api/workspaces/${otherWs}/fields`, payload: { name: 'よそ', kind: 'text' } })).json();
    const response = await put(ws, friendId, { values: { [foreign.id]: 'x' } });
    expect(response.json()).toMatchObject({ code: 'invalid_field_value', details: { fields: { [foreign.id]: 'unknownField' } } });
    expect(await fieldsOf()).toEqual(before);
  });

  test('the friends page lists friends newest first and searches by display name, in its workspace only', async () => {
    const list = async (workspaceId: string, query: string) => (await t.app.inject({ method: 'GET', url: `/api/workspaces/${workspaceId}/friends${query}` })).json();
    expect(await list(ws, '?q=鈴')).toMatchObject({ total: 1, friends: [{ id: friendId, displayName: '鈴木' }] });
    // LIKE's wildcards are searched for literally.
    expect(await list(ws, '?q=%25')).toEqual({ total: 0, friends: [] });
    expect(await list(otherWs, '?q=鈴')).toEqual({ total: 0, friends: [] });
    const tooLong = await t.app.inject({ method: 'GET', url: `/api/workspaces/${ws}/friends?q=${'x'.repeat(101)}` });
    expect(tooLong.statusCode).toBe(400);
  });
});
