import { useSyncExternalStore } from 'react';
import type { Me, Session, WorkspaceRole } from '@lsb/shared/api';
import { onUnauthorized, setCsrfRefresher, setCsrfToken } from '../api/authHooks.ts';
import { isApiError } from '../api/errors.ts';
import { accountsApi } from './api.ts';

/**
 * Who is signed in, app-wide (a tiny module store like the workspace list). `expired` marks a
 * session that ended while in use (a 401 from any call), so log-in can say why it appeared.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'needsOwner' }
  | { status: 'signedOut'; expired: boolean }
  | { status: 'signedIn'; me: Me }
  | { status: 'error'; error: unknown };

let state: SessionState = { status: 'loading' };
const listeners = new Set<() => void>();
const set = (next: SessionState) => {
  state = next;
  listeners.forEach((l) => l());
};

setCsrfRefresher(async () => (await accountsApi.csrf()).csrfToken);
onUnauthorized(() => {
  setCsrfToken(undefined);
  if (state.status === 'signedIn') set({ status: 'signedOut', expired: true });
});

/** First visit: an empty installation asks for its owner; otherwise the session cookie decides. */
export async function loadSession(): Promise<void> {
  try {
    const { needsOwner } = await accountsApi.setupStatus();
    if (needsOwner) return set({ status: 'needsOwner' });
    const me = await accountsApi.me().catch((error: unknown) => {
      if (isApiError(error) && error.status === 401) return undefined;
      throw error;
    });
    if (!me) return set({ status: 'signedOut', expired: false });
    setCsrfToken((await accountsApi.csrf()).csrfToken);
    set({ status: 'signedIn', me });
  } catch (error) {
    set({ status: 'error', error });
  }
}

/** Sign-up, log-in and invitation acceptance answer with the new session and its CSRF token. */
export function adoptSession(session: Session): void {
  setCsrfToken(session.csrfToken);
  set({ status: 'signedIn', me: session.me });
}

export function setMe(me: Me): void {
  if (state.status === 'signedIn') set({ status: 'signedIn', me });
}

export async function refreshMe(): Promise<void> {
  setMe(await accountsApi.me());
}

export function signedOut(): void {
  setCsrfToken(undefined);
  set({ status: 'signedOut', expired: false });
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

export function useMe(): Me | undefined {
  const session = useSession();
  return session.status === 'signedIn' ? session.me : undefined;
}

/** The signed-in person's role in a workspace; undefined when they cannot see it. */
export function useWorkspaceRole(ws: string | undefined): WorkspaceRole | undefined {
  const me = useMe();
  return ws ? me?.workspaces.find((w) => w.id === ws)?.role : undefined;
}

export function resetSessionForTests(): void {
  setCsrfToken(undefined);
  state = { status: 'loading' };
}
