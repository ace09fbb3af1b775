import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * Where LINE (or the fake) and mail recipients reach this server: PUBLIC_URL when set, else this
 * process's own address. Never the request's Host, which the caller chooses.
 */
export function publicUrlOf(app: FastifyInstance, _request?: FastifyRequest): string {
  return app.config.PUBLIC_URL ?? app.ownBaseUrl();
}
