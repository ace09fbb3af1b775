import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHmac } from 'node:crypto';
import { seedDemoIfEmpty } from '../../src/demo/seed.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { logIn, resetTokenFor, sessionCookieOf, signUpOwner, TEST_PASSWORD } from '../support/auth.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ signUpOwner: false });
});
afterAll(() => t?.close());

const NEW_PASSWORD = 'another long passphrase 7';

describe('first run', () => {
  test('an empty installation asks for the owner, who then owns the demo workspace; a second sign-up is closed', async () => {
    await seedDemoIfEmpty(t.app.db, t.app.secretBox, 'http://runtime.test', t.app.clock.now());
    expect((await t.anonymous('/api/auth/setup')).json()).toEqual({ needsOwner: true });

    const weak = await t.anonymous({ method: 'POST', url: '/api/auth/signup', payload: { email: 'o@example.test', password: 'short', name: 'O' } });
    expect([weak.statusCode, weak.json().code, weak.json().details]).toEqual([400, 'weak_password', { reason: 'too_short', minLength: 12 }]);
    const common = await t.anonymous({ method: 'POST', url: '/api/auth/signup', payload: { email: 'o@example.test', password: 'Password1234', name: 'O' } });
    expect([common.statusCode, common.json().details.reason]).toEqual([400, 'common']);
    expect((await t.anonymous('/api/auth/setup')).json()).toEqual({ needsOwner: true });

    const owner = await signUpOwner(t.anonymous, 'Owner@Example.test');
    const me = (await owner.inject('/api/auth/me')).json();
    expect(me.user).toMatchObject({ email: 'owner@example.test', isOperator: true });
    expect(me.workspaces).toEqual([expect.objectContaining({ name: 'デモワークスペース', role: 'owner' })]);
    expect(me.organizations).toEqual([expect.objectContaining({ role: 'owner' })]);
    const { rows } = await t.database.pool.query('select password_hash from users');
    expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);

    expect((await t.anonymous('/api/auth/setup')).json()).toEqual({ needsOwner: false });
    const second = await t.anonymous({ method: 'POST', url: '/api/auth/signup', payload: { email: 'x@example.test', password: TEST_PASSWORD, name: 'X' } });
    expect([second.statusCode, second.json().code]).toEqual([403, 'signup_closed']);
  });
});

describe('log-in and sessions', () => {
  test('the session cookie is HttpOnly and SameSite, and a new one is issued on log-in', async () => {
    const anonymous = await t.anonymous('/api/auth/csrf');
    const before = sessionCookieOf(anonymous);
    const response = await t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { email: 'owner@example.test', password: TEST_PASSWORD }, headers: { cookie: before } });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'lsb_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie.secure).toBeFalsy(); // PUBLIC_URL is http here
    expect(`lsb_session=${cookie.value}`).not.toBe(before);
    // The pre-log-in session id is gone: it is not a logged-in session.
    expect((await t.anonymous({ url: '/api/auth/me', headers: { cookie: before } })).statusCode).toBe(401);
  });

  test('a wrong password and an unknown email get the same answer', async () => {
    const wrong = await t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { email: 'owner@example.test', password: 'not the password at all' } });
    const unknown = await t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@example.test', password: 'not the password at all' } });
    expect([wrong.statusCode, wrong.json()]).toEqual([401, { code: 'invalid_credentials', message: 'The email or the password is wrong.' }]);
    expect([unknown.statusCode, unknown.json()]).toEqual([wrong.statusCode, wrong.json()]);
    expect(wrong.cookies.find((c) => c.name === 'lsb_session')).toBeUndefined();
  });

  test('a tampered cookie and a cookie from another installation are no session', async () => {
    const owner = await logIn(t.anonymous, 'owner@example.test');
    const [, value] = owner.cookie.split('=');
    const sid = decodeURIComponent(value!).split('.')[0]!;
    const tampered = `lsb_session=${encodeURIComponent(`${sid.slice(0, -1)}${sid.endsWith('A') ? 'B' : 'A'}.${decodeURIComponent(value!).split('.')[1]}`)}`;
    const foreignSignature = createHmac('sha256', 'another installation key').update(sid).digest('base64').replace(/=+$/, '');
    const foreign = `lsb_session=${encodeURIComponent(`${sid}.${foreignSignature}`)}`;
    for (const cookie of [tampered, foreign, 'lsb_session=garbage']) {
      const response = await t.anonymous({ url: '/api/auth/me', headers: { cookie } });
      expect([response.statusCode, response.json().code]).toEqual([401, 'unauthenticated']);
    }
    expect((await owner.inject('/api/auth/me')).statusCode).toBe(200);
  });

  test('log out ends this session; log out everywhere ends all of them', async () => {
    const first = await logIn(t.anonymous, 'owner@example.test');
    const second = await logIn(t.anonymous, 'owner@example.test');
    const third = await logIn(t.anonymous, 'owner@example.test');
    expect((await first.inject({ method: 'POST', url: '/api/auth/logout' })).statusCode).toBe(204);
    expect((await first.inject('/api/auth/me')).statusCode).toBe(401);
    expect((await second.inject('/api/auth/me')).statusCode).toBe(200);
    expect((await second.inject({ method: 'POST', url: '/api/auth/logout-everywhere' })).statusCode).toBe(204);
    expect((await second.inject('/api/auth/me')).statusCode).toBe(401);
    expect((await third.inject('/api/auth/me')).statusCode).toBe(401);
  });

  test('a password change needs the current password, ends the other sessions and rotates this one', async () => {
    const here = await logIn(t.anonymous, 'owner@example.test');
    const elsewhere = await logIn(t.anonymous, 'owner@example.test');
    const wrong = await here.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'wrong wrong wrong', newPassword: NEW_PASSWORD } });
    expect([wrong.statusCode, wrong.json().code]).toEqual([400, 'current_password_wrong']);
    const weak = await here.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: 'qwertyuiop123' } });
    expect([weak.statusCode, weak.json().code]).toEqual([400, 'weak_password']);
    const changed = await here.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD } });
    expect(changed.statusCode).toBe(200);
    expect((await elsewhere.inject('/api/auth/me')).statusCode).toBe(401);
    expect((await here.inject('/api/auth/me')).statusCode).toBe(401); // the old id was rotated away
    const rotated = sessionCookieOf(changed);
    expect((await t.anonymous({ url: '/api/auth/me', headers: { cookie: rotated } })).statusCode).toBe(200);
    await logIn(t.anonymous, 'owner@example.test', NEW_PASSWORD);
    // Back to the test password for the other tests.
    await t.anonymous({ method: 'POST', url: '/api/auth/password', headers: { cookie: rotated, 'x-csrf-token': changed.json().csrfToken }, payload: { currentPassword: NEW_PASSWORD, newPassword: TEST_PASSWORD } });
  });
});

describe('password reset', () => {
  test('a link by mail, single use, expiring; an unknown email gets the same answer and no mail', async () => {
    const operator = await logIn(t.anonymous, 'owner@example.test');
    const outboxSize = async () => (await operator.inject('/api/mail/outbox')).json().messages.length;
    const before = await outboxSize();
    const unknown = await t.anonymous({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'nobody@example.test' } });
    expect(unknown.statusCode).toBe(202);
    expect(await outboxSize()).toBe(before);

    const known = await t.anonymous({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'owner@example.test' } });
    expect(known.statusCode).toBe(202);
    const outbox = (await operator.inject('/api/mail/outbox')).json();
    expect(outbox.smtpConfigured).toBe(false);
    expect(outbox.messages[0]).toMatchObject({ kind: 'password_reset', to: 'owner@example.test' });
    expect(outbox.messages[0].link).toMatch(/^http:\/\/runtime\.test\/reset-password\?token=/);
    expect(outbox.messages[0].text).toContain('パスワード');
    expect(outbox.messages[0].text).toContain('password');
    const token = await resetTokenFor(operator, 'owner@example.test');

    const reset = (payload: object) => t.anonymous({ method: 'POST', url: '/api/auth/password-reset', payload });
    const weak = await reset({ token, newPassword: 'aaaaaaaaaaaaaaaa' });
    expect([weak.statusCode, weak.json().code]).toEqual([400, 'weak_password']);
    const garbage = await reset({ token: `${token}x`, newPassword: NEW_PASSWORD });
    expect([garbage.statusCode, garbage.json().code]).toEqual([400, 'token_invalid']);
    expect((await reset({ token, newPassword: NEW_PASSWORD })).statusCode).toBe(204);
    expect((await operator.inject('/api/auth/me')).statusCode).toBe(401); // every session ended
    const reused = await reset({ token, newPassword: 'yet another passphrase 9' });
    expect([reused.statusCode, reused.json().code]).toEqual([400, 'token_used']);
    const back = await logIn(t.anonymous, 'owner@example.test', NEW_PASSWORD);

    await t.anonymous({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'owner@example.test' } });
    const late = await resetTokenFor(back, 'owner@example.test');
    await t.clock.setTime(t.clock.now() + 3600 * 1000 + 1);
    const expired = await reset({ token: late, newPassword: TEST_PASSWORD });
    expect([expired.statusCode, expired.json().code]).toEqual([400, 'token_expired']);
    await logIn(t.anonymous, 'owner@example.test', NEW_PASSWORD); // nothing changed
    await back.inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: NEW_PASSWORD, newPassword: TEST_PASSWORD } });
  });
});

describe('the browser cannot be turned against it', () => {
  test('a Host other than PUBLIC_URL or loopback is refused (DNS rebinding)', async () => {
    for (const host of ['evil.example', 'evil.example:3000', 'runtime.test.evil.example']) {
      const response = await t.anonymous({ url: '/api/health', headers: { host } });
      expect([response.statusCode, response.json().code], host).toEqual([421, 'host_not_allowed']);
    }
    for (const host of ['runtime.test', 'localhost:3000', '127.0.0.1:8080']) {
      expect((await t.anonymous({ url: '/api/health', headers: { host } })).statusCode, host).toBe(200);
    }
  });

  test('a state change from another site is refused even with a valid session and CSRF token', async () => {
    const owner = await logIn(t.anonymous, 'owner@example.test');
    const workspaceId = (await owner.inject('/api/auth/me')).json().workspaces[0].id;
    const scenarios = (await owner.inject(`/api/workspaces/${workspaceId}/scenarios`)).json();
    const pause = (origin: string) => owner.inject({ method: 'POST', url: `/api/workspaces/${workspaceId}/scenarios/${scenarios[0].id}/pause`, headers: { origin, cookie: owner.cookie, 'x-csrf-token': owner.csrfToken } });
    for (const origin of ['https://evil.example', 'null', 'http://runtime.test.evil.example']) {
      const response = await pause(origin);
      expect([response.statusCode, response.json().code], origin).toEqual([403, 'origin_mismatch']);
    }
    expect((await owner.inject(`/api/workspaces/${workspaceId}/scenarios/${scenarios[0].id}`)).json().state).toBe('active');
    expect((await pause('http://runtime.test')).statusCode).toBe(200);
  });

  test('security headers with a CSP that forbids framing', async () => {
    const response = await t.anonymous('/api/health');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  test("the webhook URL shown for a channel comes from PUBLIC_URL, not from the request's Host", async () => {
    const owner = await logIn(t.anonymous, 'owner@example.test');
    const workspaceId = (await owner.inject('/api/auth/me')).json().workspaces[0].id;
    const channels = await owner.inject({ url: `/api/workspaces/${workspaceId}/channels`, headers: { host: 'localhost:9999', cookie: owner.cookie } });
    expect(channels.json()[0].webhookUrl).toMatch(/^http:\/\/runtime\.test\/webhooks\/line\//);
  });

  test('log-in is rate-limited per account', async () => {
    let last = 0;
    for (let i = 0; i < 11; i++) {
      last = (await t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { email: 'victim@example.test', password: 'guess guess guess' } })).statusCode;
    }
    expect(last).toBe(429);
    const answer = await t.anonymous({ method: 'POST', url: '/api/auth/login', payload: { email: 'victim@example.test', password: 'guess guess guess' } });
    expect(answer.json().code).toBe('rate_limited');
  });
});
