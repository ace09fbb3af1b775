/**
 * What every HTTP client of the editor shares about the signed-in session, without knowing the
 * accounts screens: the CSRF token sent on each state change, a way to fetch a fresh one when the
 * runtime refuses a stale token, and the listeners told when any call answers 401.
 */
export const CSRF_HEADER = 'x-csrf-token';

let csrfToken: string | undefined;
let refreshCsrf: (() => Promise<string | undefined>) | undefined;
const unauthorizedListeners = new Set<(path: string) => void>();

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

export function csrfHeader(): Record<string, string> {
  return csrfToken ? { [CSRF_HEADER]: csrfToken } : {};
}

/** Installed by the session: fetches a new token (after a log-in the old one is void). */
export function setCsrfRefresher(refresh: (() => Promise<string | undefined>) | undefined): void {
  refreshCsrf = refresh;
}

export async function renewCsrfToken(): Promise<boolean> {
  if (!refreshCsrf) return false;
  csrfToken = await refreshCsrf();
  return csrfToken !== undefined;
}

export function onUnauthorized(listener: (path: string) => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function reportUnauthorized(path: string): void {
  unauthorizedListeners.forEach((listener) => listener(path));
}
