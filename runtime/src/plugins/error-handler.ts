import fp from 'fastify-plugin';
import type { FastifyError } from 'fastify';
import { ApiError } from '../errors.ts';

/** Every error leaves as `{ code, message, details? }`; 5xx never leak internals. */
export const errorHandlerPlugin = fp(async (app) => {
  // The API speaks JSON only: a text/plain body is refused as 415 instead of reaching a schema as a string.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send({ code: error.code, message: error.message, details: error.details });
    }
    if (error.validation) {
      return reply.code(400).send({ code: 'invalid_request', message: error.message, details: error.validation });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      const code = error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large'
        : error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
        : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? 'invalid_json'
        : 'bad_request';
      return reply.code(status).send({ code, message: error.message });
    }
    // PostgreSQL restarting or unreachable: a temporary state, not a bug. 503 makes LINE redeliver a webhook.
    if (request.server.database?.report(error)) {
      return reply.code(503).header('retry-after', '5').send({ code: 'database_unavailable', message: 'The database is unavailable; try again shortly.' });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({ code: 'internal_error', message: 'Something went wrong on our side.' });
  });
});

/**
 * Unknown URLs. Registered in the browser's context (app.ts), so a page served from here (the
 * editor's shell for its client-side routes) carries that context's security headers, and the
 * editor's static files (`reply.sendFile`) are reachable.
 */
export const notFoundPlugin = fp(async (app) => {
  app.setNotFoundHandler((request, reply) => {
    // Client-side routes of the editor SPA are pages the server does not know: serve the app shell.
    const isPageRequest = request.method === 'GET' && !/^\/(api|webhooks|docs|v2)\//.test(request.url);
    if (isPageRequest && typeof reply.sendFile === 'function') return reply.sendFile('index.html');
    return reply.code(404).send({ code: 'not_found', message: `no route for ${request.method} ${request.url.split('?')[0]}` });
  });
});
