import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

// U+0000 and unpaired surrogates cannot be stored by PostgreSQL; they are refused at the boundary
// with 400 (they used to be 500s from inside a transaction), and nothing is written.

let t: TestApp;
let workspaceId: string;
beforeAll(async () => {
  t = await createTestApp();
  const created = await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Guard' } });
  workspaceId = created.json<{ id: string }>().id;
});
afterAll(async () => t?.close());

const bad = ['a\u0000b', 'x\ud800', '\udc00y', 'ok\ud83d'];

test.each(bad)('a body string %j is refused with 400 invalid_text and nothing is stored', async (text) => {
  const before = await t.database.pool.query('select count(*)::int as n from tags');
  // Raw JSON with escapes, as a client would send it over the wire.
  const payload = `{"name":${JSON.stringify(text)}}`;
  const response = await t.app.inject({ method: 'POST', url: `/api/workspaces/${workspaceId}/tags`, headers: { 'content-type': 'application/json' }, payload });
  expect(response.statusCode).toBe(400);
  expect(response.json()).toMatchObject({ code: 'invalid_text', details: { path: 'body/name' } });
  const after = await t.database.pool.query('select count(*)::int as n from tags');
  expect(after.rows[0].n).toBe(before.rows[0].n);
});

test('object keys, nested values, query strings and path parameters are checked too', async () => {
  const nested = await t.app.inject({ method: 'POST', url: '/api/workspaces', headers: { 'content-type': 'application/json' }, payload: '{"name":"n","x":{"\\u0000":1}}' });
  expect(nested.statusCode).toBe(400);
  expect(nested.json().code).toBe('invalid_text');
  const query = await t.app.inject({ method: 'GET', url: `/api/workspaces/${workspaceId}/friends?q=%00` });
  expect(query.statusCode).toBe(400);
  const param = await t.app.inject({ method: 'GET', url: '/api/workspaces/%00' });
  expect(param.statusCode).toBe(400);
});

test('deep nesting is refused before it is walked', async () => {
  const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
  const response = await t.app.inject({ method: 'POST', url: '/api/workspaces', headers: { 'content-type': 'application/json' }, payload: `{"name":${deep}}` });
  expect(response.statusCode).toBe(400);
  expect(response.json().code).toBe('too_deeply_nested');
});

test('well-formed text, emoji included, passes', async () => {
  const response = await t.app.inject({ method: 'POST', url: `/api/workspaces/${workspaceId}/tags`, payload: { name: '購入済み 🎉' } });
  expect(response.statusCode).toBeLessThan(300);
});

test('a number in the address too long for a double is 400, not Infinity past the maximum', async () => {
  const response = await t.app.inject({ method: 'GET', url: `/api/workspaces/${workspaceId}/runs?limit=${'9'.repeat(400)}` });
  expect(response.statusCode).toBe(400);
  expect(response.json().code).toBe('invalid_number');
});
