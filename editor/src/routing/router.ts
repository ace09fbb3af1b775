import { useSyncExternalStore } from 'react';

// A handful of screens do not justify a router dependency: the path is the state, read with
// useSyncExternalStore and changed with history.pushState.

export type Route =
  | { name: 'home' }
  | { name: 'workspace'; ws: string }
  | { name: 'editor'; ws: string; scenarioId: string }
  | { name: 'simulator'; ws: string }
  | { name: 'channels'; ws: string }
  | { name: 'inflowRoutes'; ws: string }
  | { name: 'settings'; ws: string }
  | { name: 'tags'; ws: string }
  | { name: 'fields'; ws: string }
  | { name: 'links'; ws: string }
  | { name: 'friends'; ws: string }
  | { name: 'segments'; ws: string }
  | { name: 'friend'; ws: string; friendId: string }
  | { name: 'members'; ws: string }
  | { name: 'tokens'; ws: string }
  | { name: 'audit'; ws: string }
  | { name: 'templates'; ws: string }
  | { name: 'setup' }
  | { name: 'login' }
  | { name: 'forgotPassword' }
  | { name: 'resetPassword' }
  | { name: 'invite' }
  | { name: 'outbox' }
  | { name: 'notFound' };

export const paths = {
  home: () => '/',
  workspace: (ws: string) => `/workspaces/${encodeURIComponent(ws)}`,
  simulator: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/simulator`,
  channels: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/channels`,
  inflowRoutes: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/inflow-routes`,
  settings: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/settings`,
  tags: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/tags`,
  fields: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/fields`,
  links: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/links`,
  friends: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/friends`,
  segments: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/segments`,
  friend: (ws: string, id: string) => `/workspaces/${encodeURIComponent(ws)}/friends/${encodeURIComponent(id)}`,
  templates: (ws: string) => `/workspaces/${encodeURIComponent(ws)}/templates`,
  scenario: (ws: string, id: string) => `/workspaces/${encodeURIComponent(ws)}/scenarios/${encodeURIComponent(id)}`,
};

/** The pages outside a workspace: before log-in (the mail links among them) and the operator's mail outbox. */
const TOP_LEVEL: Record<string, 'setup' | 'login' | 'forgotPassword' | 'resetPassword' | 'invite' | 'outbox'> = {
  setup: 'setup',
  login: 'login',
  'forgot-password': 'forgotPassword',
  'reset-password': 'resetPassword',
  invite: 'invite',
  'mail-outbox': 'outbox',
};

export function parseRoute(pathname: string): Route {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: 'home' };
  if (parts.length === 1 && Object.hasOwn(TOP_LEVEL, parts[0]!)) return { name: TOP_LEVEL[parts[0]!]! };
  if (parts[0] !== 'workspaces' || !parts[1]) return { name: 'notFound' };
  if (parts.length === 2) return { name: 'workspace', ws: parts[1] };
  if (parts.length === 3 && (parts[2] === 'simulator' || parts[2] === 'channels' || parts[2] === 'settings')) return { name: parts[2], ws: parts[1] };
  if (parts.length === 3 && parts[2] === 'inflow-routes') return { name: 'inflowRoutes', ws: parts[1] };
  if (parts.length === 3 && (parts[2] === 'tags' || parts[2] === 'fields' || parts[2] === 'links' || parts[2] === 'friends' || parts[2] === 'segments')) return { name: parts[2], ws: parts[1] };
  if (parts.length === 3 && parts[2] === 'templates') return { name: 'templates', ws: parts[1] };
  if (parts.length === 3 && (parts[2] === 'members' || parts[2] === 'tokens' || parts[2] === 'audit')) return { name: parts[2], ws: parts[1] };
  if (parts.length === 4 && parts[2] === 'friends' && parts[3]) return { name: 'friend', ws: parts[1], friendId: parts[3] };
  if (parts.length === 4 && parts[2] === 'scenarios' && parts[3]) return { name: 'editor', ws: parts[1], scenarioId: parts[3] };
  return { name: 'notFound' };
}

const CHANGE = 'lsb:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(CHANGE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(CHANGE, onChange);
  };
}

const pathname = () => window.location.pathname;

export function usePathname(): string {
  return useSyncExternalStore(subscribe, pathname);
}

export function useRoute(): Route {
  return parseRoute(usePathname());
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(CHANGE));
}
