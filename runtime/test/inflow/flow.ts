import { expect } from 'vitest';
import type { TestApp } from '../support/app.ts';

/** Drives a route's URL the way a phone does: landing → fake LINE Login consent → callback. */

export interface LoginResult { status: number; kind: string | undefined; location: string | undefined; body: string }

const kindOf = (body: string) => /data-kind="([a-z_]+)"/.exec(body)?.[1];
const pathOf = (url: string) => { const parsed = new URL(url); return `${parsed.pathname}${parsed.search}`; };

export async function land(t: TestApp, routeId: string): Promise<LoginResult> {
  const response = await t.app.inject({ method: 'GET', url: `/r/${routeId}` });
  return { status: response.statusCode, kind: kindOf(response.body), location: response.headers.location as string | undefined, body: response.body };
}

/**
 * Follows the authorize redirect to the fake LINE Login (the built-in fake's own port) and answers
 * the consent form there; returns the callback URL LINE would open.
 */
export async function consent(t: TestApp, authorizeUrl: string, who: { userId?: string; displayName?: string }, decision = 'allow'): Promise<string> {
  expect(new URL(authorizeUrl).origin).toBe(t.app.fakeLineUrl());
  const page = await fetch(authorizeUrl);
  expect(page.status).toBe(200);
  const form = new URLSearchParams(new URL(authorizeUrl).searchParams);
  form.set('decision', decision);
  if (who.userId) form.set('userId', who.userId);
  if (who.displayName) form.set('displayName', who.displayName);
  const answer = await fetch(new URL('/oauth2/v2.1/authorize/consent', authorizeUrl), {
    method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString(),
  });
  expect(answer.status).toBe(302);
  return answer.headers.get('location')!;
}

export async function callback(t: TestApp, callbackUrl: string): Promise<LoginResult> {
  const response = await t.app.inject({ method: 'GET', url: pathOf(callbackUrl) });
  return { status: response.statusCode, kind: kindOf(response.body), location: response.headers.location as string | undefined, body: response.body };
}

/** Landing, login as `who`, callback: what the person sees after LINE Login. */
export async function arrive(t: TestApp, routeId: string, who: { userId?: string; displayName?: string }): Promise<LoginResult> {
  const landing = await land(t, routeId);
  expect(landing.status).toBe(302);
  return callback(t, await consent(t, landing.location!, who));
}

/** The fake channel's add-friend button: a signed follow webhook for that user. */
export async function pressAddFriend(t: TestApp, addFriendUrl: string): Promise<string> {
  const url = new URL(addFriendUrl);
  const userId = url.searchParams.get('user')!;
  const response = await t.app.inject({
    method: 'POST', url: url.pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ userId }).toString(),
  });
  expect(kindOf(response.body)).toBe('fake_followed');
  return userId;
}
