import { expect, type APIRequestContext, type Page } from '@playwright/test';

// Accounts through the runtime's API, as a person or script would (never by writing rows):
// on a fresh database the first sign-up is the owner; afterwards the same owner logs in.

export const OWNER = { email: 'owner@e2e.example', password: 'e2e owner passphrase 2026', name: 'E2E オーナー' };

export interface SignedIn {
  /** Cookies of the session (for browser contexts and API contexts alike). */
  storageState: Awaited<ReturnType<APIRequestContext['storageState']>>;
  /** The session's CSRF token, sent as `x-csrf-token` on every state change. */
  csrfToken: string;
}

async function json<T>(response: Awaited<ReturnType<APIRequestContext['get']>>): Promise<T> {
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

/** Signs the owner up on an empty installation, else logs them in; the context keeps the cookie. */
export async function signInOwner(request: APIRequestContext): Promise<SignedIn> {
  const { needsOwner } = await json<{ needsOwner: boolean }>(await request.get('/api/auth/setup'));
  const session = needsOwner
    ? await json<{ csrfToken: string }>(await request.post('/api/auth/signup', { data: { ...OWNER, organizationName: 'E2E 組織' } }))
    : await json<{ csrfToken: string }>(await request.post('/api/auth/login', { data: { email: OWNER.email, password: OWNER.password } }));
  return { storageState: await request.storageState(), csrfToken: session.csrfToken };
}

/** The CSRF token of the session a page is logged in with (for calling the API as that person). */
export async function csrfOf(page: Page): Promise<string> {
  return (await json<{ csrfToken: string }>(await page.request.get('/api/auth/csrf'))).csrfToken;
}
