import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Where LINE (or the fake) reaches this server: PUBLIC_URL when set, else the address it was called on. */
export function publicUrlOf(app: FastifyInstance, request: FastifyRequest): string {
  return app.config.PUBLIC_URL ?? `${request.protocol}://${request.host}`;
}
