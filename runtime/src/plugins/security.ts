import fp from 'fastify-plugin';
import cookie from '@fastify/cookie';
import session from '@fastify/session';
import csrf from '@fastify/csrf-protection';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors.ts';
import { sessionSecret } from '../accounts/secrets.ts';
import { createSessionStore } from '../store/sessions.ts';

declare module 'fastify' {
  interface Session {
    userId?: string;
    currentOrganizationId?: string;
    currentWorkspaceId?: string;
  }
}

export const SESSION_COOKIE = 'lsb_session';
const SESSION_MAX_AGE_MS = 14 * 24 * 3600 * 1000;
const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const isMutation = (request: FastifyRequest) => MUTATING.has(request.method);

/**
 * What a browser could be turned against: Host (DNS rebinding), Origin (cross-site state changes),
 * security headers with a CSP, the session cookie, CSRF tokens, and the rate-limit machinery the
 * log-in and reset routes use.
 */
export const securityPlugin = fp<{ secretKey: string }>(async (app, { secretKey }) => {
  const publicUrl = app.config.PUBLIC_URL ? new URL(app.config.PUBLIC_URL) : undefined;
  const https = publicUrl?.protocol === 'https:';
  // A HOST bound to one address (not all of them) is an address this server answers to as well.
  const boundHost = ['0.0.0.0', '::', ''].includes(app.config.HOST) ? undefined : app.config.HOST.toLowerCase();

  // A rebinding name resolves to this machine but arrives with its own Host: only this installation's
  // address (PUBLIC_URL) and loopback literals are this server.
  app.addHook('onRequest', async (request) => {
    const host = request.headers.host ?? '';
    if (!isAllowedHost(host, publicUrl, boundHost)) throw new ApiError(421, 'host_not_allowed', 'This server does not answer to that address.');
    if (isMutation(request)) {
      const origin = request.headers.origin;
      if (origin !== undefined && !sameOrigin(origin, host, publicUrl)) {
        throw new ApiError(403, 'origin_mismatch', 'A change from another site was refused.');
      }
    }
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React Flow positions nodes with style attributes.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: https ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
  });

  await app.register(cookie);
  await app.register(session, {
    secret: sessionSecret(secretKey),
    cookieName: SESSION_COOKIE,
    cookie: { httpOnly: true, sameSite: 'lax', secure: https, path: '/', maxAge: SESSION_MAX_AGE_MS },
    store: createSessionStore(app.db, () => new Date(), SESSION_MAX_AGE_MS),
    saveUninitialized: false,
    rolling: false,
  });
  await app.register(csrf, {
    sessionPlugin: '@fastify/session',
    getToken: (request) => request.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new ApiError(429, 'rate_limited', `Too many attempts. Try again in ${Math.ceil(context.ttl / 1000)} seconds.`),
  });
});

function isAllowedHost(host: string, publicUrl: URL | undefined, boundHost: string | undefined): boolean {
  if (publicUrl && host.toLowerCase() === publicUrl.host.toLowerCase()) return true;
  const hostname = host.replace(/:\d+$/, '').toLowerCase();
  return LOOPBACK_HOSTNAMES.has(hostname) || hostname === boundHost;
}

function sameOrigin(origin: string, host: string, publicUrl: URL | undefined): boolean {
  if (publicUrl && origin === publicUrl.origin) return true;
  try {
    return new URL(origin).host.toLowerCase() === host.toLowerCase();
  } catch {
    return false; // "null" (a sandboxed or privacy-stripped origin) and garbage
  }
}
