import fp from 'fastify-plugin';
import CsrfTokens from '@fastify/csrf';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { WorkspaceRole } from '@lsb/shared/api';
import type { Principal } from '../accounts/principal.ts';
import { ApiError } from '../errors.ts';
import { isMutation } from './security.ts';
import { sha256 } from '../accounts/secrets.ts';
import { findLiveApiToken, touchApiToken } from '../store/api-tokens.ts';
import { roleAtLeast, workspaceRoleOf } from '../store/memberships.ts';
import { findUserById, type UserRow } from '../store/users.ts';

/**
 * Who may call a route, declared once per plugin (`declareAccess(app, 'workspace')`) or per route
 * (`config: { access }`):
 * - `public`: anyone (health, webhook, link clicks, landing pages, log-in, fake LINE, static files);
 * - `user`: a logged-in person (tokens only with `tokens: true`);
 * - `workspace`: a member of the `:workspaceId` in the path, with at least `minRole` (default:
 *   viewer to read, editor to change); anyone else gets 404, as if the workspace did not exist.
 * A route that declares nothing is treated as `user` + workspace check, and the route-table test fails.
 */
export type Access = 'public' | 'user' | 'workspace';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    minRole?: WorkspaceRole;
    /** `user` routes that API tokens may call too. */
    tokens?: boolean;
    /** `workspace` routes API tokens may not call (members, tokens). */
    sessionOnly?: boolean;
  }
  interface FastifyInstance {
    /** Every route registered after the access plugin, as Fastify reported it (the isolation test walks it). */
    routeTable(): readonly RouteEntry[];
    /** The logged-in person of the request's session cookie, for public routes that act differently for them. */
    sessionUser(request: FastifyRequest): Promise<UserRow | null>;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The caller's role in the path's workspace, once checked. */
    workspaceRole: WorkspaceRole | null;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
  minRole: WorkspaceRole | undefined;
  sessionOnly: boolean;
  tokens: boolean;
  bodySchema: unknown;
}

export type { Principal };

export function declareAccess(app: FastifyInstance, access: Access, extra: { minRole?: WorkspaceRole; sessionOnly?: boolean } = {}): void {
  app.addHook('onRoute', (route) => {
    route.config = { access, ...extra, ...(route.config as object) } as typeof route.config;
  });
}

export const unauthenticated = () => new ApiError(401, 'unauthenticated', 'Log in to continue.');
export const sessionRequired = () => new ApiError(403, 'session_required', 'API tokens cannot do this; log in as a person.');

/** Who may call what, as routes declare it: the route table (every route, this plugin registered at the root) and the request decorations the check fills. */
export const accessPlugin = fp(async (app) => {
  app.decorateRequest('principal', null);
  app.decorateRequest('workspaceRole', null);
  // Kept as Fastify's own route objects and read when asked: a plugin's declareAccess hook runs after this root hook.
  const routes: RouteOptions[] = [];
  app.addHook('onRoute', (route) => {
    routes.push(route);
  });
  app.decorate('routeTable', () => routes.flatMap((route) => {
    const config = (route.config ?? {}) as { access?: Access; minRole?: WorkspaceRole; sessionOnly?: boolean; tokens?: boolean };
    return [route.method].flat().map((method) => ({
      method, url: route.url, access: config.access, minRole: config.minRole, sessionOnly: Boolean(config.sessionOnly), tokens: Boolean(config.tokens),
      bodySchema: route.schema?.body,
    }));
  }));
  app.decorate('sessionUser', async (request: FastifyRequest) => {
    const userId = request.session.userId;
    return (userId && await findUserById(app.db, userId)) || null;
  });
});

/**
 * Checks each request against its route's declared access. Registered after the session (in the
 * browser's context, app.ts), since a person is known by the session cookie.
 */
export const accessCheckPlugin = fp(async (app) => {
  app.addHook('onRequest', async (request) => {
    if (!request.routeOptions.url) return; // not found: the not-found handler answers
    const config = request.routeOptions.config;
    if (config.access === 'public') return;

    const principal = await resolvePrincipal(app, request);
    if (!principal) throw unauthenticated();
    request.principal = principal;
    if (principal.kind === 'user' && isMutation(request)) checkCsrf(request);
    if (principal.kind === 'token' && ((config.access === 'user' && !config.tokens) || config.sessionOnly)) throw sessionRequired();

    const workspaceId = (request.params as { workspaceId?: string }).workspaceId;
    if (config.access === 'user' && !workspaceId) return;
    if (!workspaceId || !isUuid(workspaceId)) throw workspaceNotFound();
    const role = principal.kind === 'token'
      ? (principal.workspaceId === workspaceId ? principal.role : null)
      : await workspaceRoleOf(app.db, principal.user.id, workspaceId);
    if (!role) throw workspaceNotFound();
    const required = config.minRole ?? (isMutation(request) ? 'editor' : 'viewer');
    if (!roleAtLeast(role, required)) {
      throw new ApiError(403, 'forbidden', `This needs the ${required} role in this workspace.`, { required });
    }
    request.workspaceRole = role;
  });
});

const workspaceNotFound = () => new ApiError(404, 'workspace_not_found', 'No such workspace.');
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** A bearer token wins over a cookie: a script's request never acts as whoever's browser it runs in. */
async function resolvePrincipal(app: FastifyInstance, request: FastifyRequest): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) return null;
    const token = await findLiveApiToken(app.db, sha256(match[1]!));
    if (!token) return null;
    await touchApiToken(app.db, token.id, app.clock.now());
    return { kind: 'token', tokenId: token.id, workspaceId: token.workspaceId, role: token.role, name: token.name };
  }
  const userId = request.session.userId;
  if (!userId) return null;
  const user = await findUserById(app.db, userId);
  return user ? { kind: 'user', user } : null;
}

/**
 * The token @fastify/csrf-protection handed out (reply.generateCsrf), checked against the secret it
 * keeps in this session, with the same library; done here so a failure is our `csrf_invalid` answer.
 */
const csrfTokens = new CsrfTokens() as unknown as { verify(secret: string, token: string): boolean };
function checkCsrf(request: FastifyRequest): void {
  const secret = (request.session as unknown as { get(key: string): unknown }).get('_csrf');
  const token = request.headers['x-csrf-token'];
  if (typeof secret !== 'string' || typeof token !== 'string' || !csrfTokens.verify(secret, token)) {
    throw new ApiError(403, 'csrf_invalid', 'The page is out of date; reload it and try again.');
  }
}
