import type { InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * People for tests, made through the API as a real client would (never by writing rows): the
 * first-run owner by sign-up, everyone else by invitation. Each carries its session cookie and CSRF
 * token, so `user.inject(...)` is that person's browser.
 */

type Inject = (options: InjectOptions | string) => Promise<LightMyRequestResponse>;

export interface TestUser {
  id: string;
  email: string;
  password: string;
  cookie: string;
  csrfToken: string;
  inject: Inject;
}

export const TEST_PASSWORD = 'correct horse battery 42';

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'lsb_session');
  if (!cookie) throw new Error(`no session cookie in the answer (${response.statusCode} ${response.body})`);
  return `lsb_session=${cookie.value}`;
}

/** An inject that sends this cookie and CSRF token unless the call sets its own cookie or authorization. */
export function injectAs(raw: Inject, cookie: string, csrfToken: string): Inject {
  return (options) => {
    const opts: InjectOptions = typeof options === 'string' ? { url: options } : options;
    const headers = { ...(opts.headers ?? {}) } as Record<string, string>;
    if (headers.cookie === undefined && headers.authorization === undefined) {
      headers.cookie = cookie;
      headers['x-csrf-token'] ??= csrfToken;
    }
    return raw({ ...opts, headers });
  };
}

function userFrom(raw: Inject, response: LightMyRequestResponse, email: string, password: string): TestUser {
  if (response.statusCode >= 300) throw new Error(`could not get a session for ${email}: ${response.statusCode} ${response.body}`);
  const body = response.json<{ me: { user: { id: string } }; csrfToken: string }>();
  const cookie = sessionCookieOf(response);
  return { id: body.me.user.id, email, password, cookie, csrfToken: body.csrfToken, inject: injectAs(raw, cookie, body.csrfToken) };
}

/** The first-run owner of an empty installation (it owns every workspace that exists already). */
export async function signUpOwner(raw: Inject, email = 'owner@example.test', password = TEST_PASSWORD): Promise<TestUser> {
  const response = await raw({ method: 'POST', url: '/api/auth/signup', payload: { email, password, name: 'Owner', organizationName: 'Test organization' } });
  return userFrom(raw, response, email, password);
}

export async function logIn(raw: Inject, email: string, password = TEST_PASSWORD): Promise<TestUser> {
  return userFrom(raw, await raw({ method: 'POST', url: '/api/auth/login', payload: { email, password } }), email, password);
}

let counter = 0;

/**
 * A new person with `role` in the workspace: the admin invites them, the invitation mail is read
 * from the outbox (the operator's page), and they accept it with a password.
 */
export async function addMember(
  raw: Inject, admin: TestUser, operator: TestUser, workspaceId: string, role: 'owner' | 'admin' | 'editor' | 'viewer', email = `member${++counter}-${Date.now()}@example.test`,
): Promise<TestUser> {
  const invited = await admin.inject({ method: 'POST', url: `/api/workspaces/${workspaceId}/invitations`, payload: { email, role } });
  if (invited.statusCode !== 201) throw new Error(`invitation failed: ${invited.statusCode} ${invited.body}`);
  const token = await invitationTokenFor(operator, email);
  const accepted = await raw({ method: 'POST', url: '/api/invitations/accept', payload: { token, name: email.split('@')[0], password: TEST_PASSWORD } });
  return userFrom(raw, accepted, email, TEST_PASSWORD);
}

/** The newest invitation mailed to this address, as the operator's outbox shows it. */
export async function invitationTokenFor(operator: TestUser, email: string): Promise<string> {
  return tokenFromOutbox(operator, email, 'invitation');
}

export async function resetTokenFor(operator: TestUser, email: string): Promise<string> {
  return tokenFromOutbox(operator, email, 'password_reset');
}

async function tokenFromOutbox(operator: TestUser, email: string, kind: string): Promise<string> {
  const outbox = (await operator.inject({ url: '/api/mail/outbox' })).json<{ messages: Array<{ kind: string; to: string; link: string }> }>();
  const mail = outbox.messages.find((m) => m.kind === kind && m.to === email.toLowerCase());
  if (!mail) throw new Error(`no ${kind} mail for ${email}`);
  return new URL(mail.link).searchParams.get('token')!;
}
