import { timingSafeEqual } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyPluginAsync, FastifyReply } from 'fastify';
import { registerControlRoutes } from './control-routes.ts';
import { FakeLine, type FakeLineOptions } from './fake-line.ts';
import { Hangs } from './hangs.ts';
import { LINE_ERRORS } from './line-errors.ts';
import { fakeLoginRoutes } from './login-routes.ts';
import { bearerToken, registerLineRoutes } from './send-routes.ts';

/**
 * The fake LINE platform as a Fastify plugin, mounted at the origin root because the SDK drops any
 * path in its baseURL. Registered without fastify-plugin on purpose: its body parser, auth hook and
 * LINE-shaped error handler stay inside its own routes.
 */

export interface FakeLinePluginOptions extends FakeLineOptions {
  /** Share state with the caller (tests, the demo); default: a new FakeLine from the other options. */
  fake?: FakeLine;
  /** Serve `/fake-line/...` (inboxes, failures, friend simulation); default true. */
  controlApi?: boolean;
  /**
   * When set, every `/fake-line/...` request must carry it in `x-fake-line-secret` (401 otherwise).
   * The standalone process (main.ts) always sets one: its control routes steer what LINE does.
   */
  controlSecret?: string;
  /**
   * When set, the fake sends webhooks only to URLs on this origin (the runtime it was started
   * for); a channel with any other webhook URL is refused.
   */
  webhookOrigin?: string;
  /**
   * Answer unknown `/v2/bot/...` and `/fake-line/...` paths with LINE's 404 body; default true.
   * Done with catch-all routes, not a not-found handler (Fastify allows one per prefix and the host
   * app owns it), so it is safe either way inside the runtime.
   */
  ownNotFound?: boolean;
}

/** LINE refuses request bodies over this size; so does the fake. */
export const FAKE_LINE_BODY_LIMIT = 1024 * 1024;

export const fakeLinePlugin: FastifyPluginAsync<FakeLinePluginOptions> = async (app, options) => {
  const fake = options.fake ?? new FakeLine(options);
  const hangs = new Hangs();

  acceptOnlyJson(app);
  const secret = options.controlSecret === undefined ? undefined : Buffer.from(options.controlSecret);
  app.addHook('onRequest', async (request, reply) => {
    if (secret && request.url.startsWith('/fake-line/')) {
      const given = Buffer.from(String(request.headers['x-fake-line-secret'] ?? ''));
      if (given.length !== secret.length || !timingSafeEqual(given, secret)) return reply.code(401).send({ message: 'the fake LINE control API needs the x-fake-line-secret header' });
      return;
    }
    if (!request.url.startsWith('/v2/bot/')) return;
    const token = bearerToken(request);
    if (token === undefined) return reply.code(401).send(LINE_ERRORS.missingAuthorization);
    if (!fake.channels.authenticate(token)) return reply.code(401).send(LINE_ERRORS.invalidToken);
  });
  app.addHook('preClose', async () => hangs.releaseAll());
  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const [status, body] = lineErrorFor(error);
    if (status >= 500) request.log.error({ err: error }, 'fake LINE server failed');
    return reply.code(status).send(body);
  });

  const controlApi = options.controlApi ?? true;
  registerLineRoutes(app, fake, hangs);
  await app.register(fakeLoginRoutes, { fake });
  if (controlApi) registerControlRoutes(app, fake, () => hangs.releaseAll(), options.webhookOrigin);
  if (options.ownNotFound ?? true) {
    const notFound = async (_request: unknown, reply: FastifyReply) => reply.code(404).send(LINE_ERRORS.notFound);
    app.all('/v2/bot/*', notFound);
    if (controlApi) app.all('/fake-line/*', notFound);
  }
};

/** Bodies are parsed here, as UTF-8 JSON only; anything else is refused before a route sees it. */
function acceptOnlyJson(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: FAKE_LINE_BODY_LIMIT }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(Object.assign(new Error('invalid JSON'), { statusCode: 400, code: 'FAKE_LINE_INVALID_JSON' }), undefined);
    }
  });
}

function lineErrorFor(error: FastifyError): [number, unknown] {
  if (error.code === 'FAKE_LINE_INVALID_JSON' || error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return [400, LINE_ERRORS.invalidJson];
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return [415, LINE_ERRORS.unsupportedMediaType];
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return [413, LINE_ERRORS.bodyTooLarge];
  if (error.validation) {
    return [400, {
      message: `The request body has ${error.validation.length} error(s)`,
      details: error.validation.map((issue) => ({ message: issue.message, property: issue.instancePath.replace(/^\//, '').replaceAll('/', '.') })),
    }];
  }
  const status = error.statusCode ?? 500;
  return status >= 400 && status < 500 ? [status, { message: error.message }] : [500, LINE_ERRORS.serverError];
}
