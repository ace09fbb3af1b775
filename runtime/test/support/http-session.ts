/**
 * A logged-in client of a runtime listening on a real port (server and crash tests): the first-run
 * owner is signed up on an empty installation, and logged in otherwise, through the API.
 */
export const HTTP_OWNER = { email: 'owner@example.test', password: 'correct horse battery 42', name: 'Owner' };

export interface HttpSession {
  cookie: string;
  csrfToken: string;
  fetch(path: string, init?: { method?: string; body?: object }): Promise<Response>;
}

export async function httpSession(baseUrl: string): Promise<HttpSession> {
  const setup = (await (await fetch(`${baseUrl}/api/auth/setup`)).json()) as { needsOwner: boolean };
  const response = await fetch(`${baseUrl}/api/auth/${setup.needsOwner ? 'signup' : 'login'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(setup.needsOwner ? HTTP_OWNER : { email: HTTP_OWNER.email, password: HTTP_OWNER.password }),
  });
  if (!response.ok) throw new Error(`could not log in: ${response.status} ${await response.text()}`);
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('lsb_session='))!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return {
    cookie,
    csrfToken,
    fetch: (path, init = {}) => fetch(`${baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers: { cookie, 'x-csrf-token': csrfToken, ...(init.body ? { 'content-type': 'application/json' } : {}) },
      ...(init.body ? { body: JSON.stringify(init.body) } : {}),
    }),
  };
}
