import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('workspaces and channels', () => {
  test('a new workspace starts bound to the fake LINE channel and never returns credentials', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'サロン渋谷' } });
    expect(created.statusCode).toBe(201);
    const workspace = created.json();
    expect(workspace).toMatchObject({ name: 'サロン渋谷', timeZone: 'Asia/Tokyo' });

    const channels = (await t.app.inject({ method: 'GET', url: `/api/workspaces/${workspace.id}/channels` })).json();
    expect(channels).toHaveLength(1);
    expect(channels[0]).toMatchObject({ isFake: true, webhookUrl: `http://runtime.test/webhooks/line/${channels[0].id}` });
    expect(Object.keys(channels[0])).not.toContain('channelSecret');
  });

  test('a real channel stores its credentials encrypted and shows only a hint', async () => {
    const workspace = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Clinic', timeZone: 'Europe/Berlin' } })).json();
    const secret = '0123456789abcdef0123456789abcdef';
    const token = 'a'.repeat(40) + 'WXYZ';
    const response = await t.app.inject({
      method: 'POST', url: `/api/workspaces/${workspace.id}/channels`,
      payload: { name: '本店', lineChannelId: '1234567890', channelSecret: secret, channelAccessToken: token },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ channelSecretHint: '…cdef', accessTokenHint: '…WXYZ', isFake: false });
    expect(response.body).not.toContain(secret);
    expect(response.body).not.toContain(token);
    const { rows } = await t.database.pool.query('select channel_secret_enc, access_token_enc from channels where line_channel_id = $1', ['1234567890']);
    expect(rows[0].channel_secret_enc).not.toContain(secret);
    expect(rows[0].access_token_enc).not.toContain(token);
  });

  test.each([
    ['an unknown time zone', { name: 'x', timeZone: 'Mars/Olympus' }, 'unknown_time_zone'],
    ['an empty name', { name: '' }, 'invalid_request'],
    ['an unexpected property', { name: 'x', owner: 'me' }, 'invalid_request'],
  ])('refuses %s with the error shape and creates nothing', async (_label, payload, code) => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/workspaces' })).json().length;
    const response = await t.app.inject({ method: 'POST', url: '/api/workspaces', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code, message: expect.any(String) });
    expect((await t.app.inject({ method: 'GET', url: '/api/workspaces' })).json()).toHaveLength(before);
  });

  test('malformed JSON, a wrong content type and a huge body get clear 4xx answers', async () => {
    const malformed = await t.app.inject({ method: 'POST', url: '/api/workspaces', headers: { 'content-type': 'application/json' }, payload: '{"name":' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('invalid_json');
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/workspaces', headers: { 'content-type': 'text/plain' }, payload: 'name=x' });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().code).toBe('unsupported_media_type');
    const huge = await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'x'.repeat(1_100_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('body_too_large');
  });

  test('an unknown workspace is a 404, not an empty list', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/workspaces/00000000-0000-4000-8000-000000000000/scenarios' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('workspace_not_found');
  });
});
