import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LOGIN_CODE_TTL_MS } from '../../src/line/fake/index.ts';
import { verifyIdToken } from '../../src/inflow/line-login.ts';
import { alice, buildFakeLine } from './fake-harness.ts';

// The fake LINE Login v2.1: authorize page, consent, token exchange, verify and profile, with
// LINE's error bodies for everything a real client can get wrong.

let h: Awaited<ReturnType<typeof buildFakeLine>>;
const CLIENT = { clientId: '1657000000', clientSecret: '0123456789abcdef0123456789abcdef' };
const REDIRECT = 'https://shop.example/r/callback';
const form = { 'content-type': 'application/x-www-form-urlencoded' };
const authorizeQuery = (extra: Record<string, string> = {}) => new URLSearchParams({
  response_type: 'code', client_id: CLIENT.clientId, redirect_uri: REDIRECT, state: 'state-1', scope: 'profile openid', nonce: 'n-1', bot_prompt: 'aggressive', ...extra,
});

async function codeFor(userId: string, extra: Record<string, string> = {}): Promise<string> {
  const body = authorizeQuery(extra);
  body.set('userId', userId);
  body.set('decision', 'allow');
  const response = await h.app.inject({ method: 'POST', url: '/oauth2/v2.1/authorize/consent', headers: form, payload: body.toString() });
  expect(response.statusCode).toBe(302);
  const location = new URL(response.headers.location as string);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
  expect(location.searchParams.get('state')).toBe('state-1');
  return location.searchParams.get('code')!;
}

const exchange = (fields: Record<string, string>) => h.app.inject({
  method: 'POST', url: '/oauth2/v2.1/token', headers: form,
  payload: new URLSearchParams({ grant_type: 'authorization_code', redirect_uri: REDIRECT, client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, ...fields }).toString(),
});

beforeAll(async () => {
  h = await buildFakeLine();
  h.fake.users.register({ userId: alice, displayName: 'Alice' });
});
afterAll(() => h.app.close());

describe('authorize', () => {
  test('shows the virtual users to log in as', async () => {
    const page = await h.app.inject({ method: 'GET', url: `/oauth2/v2.1/authorize?${authorizeQuery()}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Alice');
    expect(page.body).toContain('name="state" value="state-1"');
  });

  test.each([
    ['response_type', 'token'], ['client_id', 'abc'], ['redirect_uri', 'javascript:alert(1)'], ['scope', 'profile'], ['state', ''],
  ])('refuses a bad %s with an error page', async (name, value) => {
    const page = await h.app.inject({ method: 'GET', url: `/oauth2/v2.1/authorize?${authorizeQuery({ [name]: value })}` });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('エラー');
  });

  test('a new user can be named; cancelling redirects with access_denied', async () => {
    const body = authorizeQuery();
    body.set('displayName', 'Carol');
    body.set('decision', 'allow');
    const allowed = await h.app.inject({ method: 'POST', url: '/oauth2/v2.1/authorize/consent', headers: form, payload: body.toString() });
    expect(new URL(allowed.headers.location as string).searchParams.get('friendship_status_changed')).toBe('false');
    expect(h.fake.users.list().map((user) => user.displayName)).toContain('Carol');
    body.set('decision', 'deny');
    const denied = new URL((await h.app.inject({ method: 'POST', url: '/oauth2/v2.1/authorize/consent', headers: form, payload: body.toString() })).headers.location as string);
    expect(Object.fromEntries(denied.searchParams)).toEqual({ error: 'access_denied', error_description: 'The resource owner denied the request.', state: 'state-1' });
  });
});

describe('token', () => {
  test('exchanges a code once for tokens whose ID token names the user', async () => {
    const code = await codeFor(alice);
    const response = await exchange({ code });
    expect(response.statusCode).toBe(200);
    const tokens = response.json();
    expect(tokens).toMatchObject({ token_type: 'Bearer', scope: 'profile openid', expires_in: 2592000 });
    expect(verifyIdToken(tokens.id_token, CLIENT, 'n-1', new Date(h.clock.now))).toEqual({ sub: alice, name: 'Alice' });
    expect(verifyIdToken(tokens.id_token, CLIENT, 'other-nonce', new Date(h.clock.now))).toBeUndefined();
    expect(verifyIdToken(tokens.id_token, { ...CLIENT, clientSecret: 'f'.repeat(32) }, 'n-1', new Date(h.clock.now))).toBeUndefined();

    const profile = await h.app.inject({ method: 'GET', url: '/v2/profile', headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(profile.json()).toEqual({ userId: alice, displayName: 'Alice' });
    const verified = await h.app.inject({ method: 'POST', url: '/oauth2/v2.1/verify', headers: form, payload: `id_token=${tokens.id_token}&client_id=${CLIENT.clientId}` });
    expect(verified.json()).toMatchObject({ iss: 'https://access.line.me', sub: alice, aud: CLIENT.clientId, nonce: 'n-1' });

    const again = await exchange({ code });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
  });

  test('answers a bad code, redirect, grant or missing field as LINE does', async () => {
    expect((await exchange({ code: 'nope' })).json()).toEqual({ error: 'invalid_grant', error_description: 'invalid authorization code' });
    expect((await exchange({ code: await codeFor(alice), redirect_uri: 'https://evil.example/cb' })).json())
      .toEqual({ error: 'invalid_grant', error_description: 'redirect_uri does not match' });
    expect((await exchange({ code: await codeFor(alice), client_id: '1999999999' })).json().error).toBe('invalid_grant');
    expect((await exchange({ code: 'x', grant_type: 'password' })).json()).toEqual({ error: 'unsupported_grant_type', error_description: 'unsupported grant_type' });
    expect((await exchange({ code: '' })).json()).toEqual({ error: 'invalid_request', error_description: 'code is required' });
    expect((await h.app.inject({ method: 'GET', url: '/v2/profile', headers: { authorization: 'Bearer forged' } })).statusCode).toBe(401);
    expect((await h.app.inject({ method: 'POST', url: '/oauth2/v2.1/verify', headers: form, payload: 'id_token=a.b.c&client_id=1' })).json())
      .toEqual({ error: 'invalid_request', error_description: 'Invalid IdToken.' });
  });

  test('a code expires after 10 minutes', async () => {
    const code = await codeFor(alice);
    h.advance(LOGIN_CODE_TTL_MS + 1);
    expect((await exchange({ code })).json().error).toBe('invalid_grant');
  });

  test('with login channels registered, a wrong secret is invalid_client', async () => {
    h.fake.login.addChannel(CLIENT);
    const response = await exchange({ code: await codeFor(alice), client_secret: 'f'.repeat(32) });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toBe('invalid_client');
    expect((await exchange({ code: await codeFor(alice) })).statusCode).toBe(200);
  });
});
