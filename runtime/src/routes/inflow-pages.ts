import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { publicUrlOf } from './public-url.ts';
import { followOnFake, showFakeAddFriend } from '../inflow/fake-add-friend.ts';
import { finishLogin, landOnRoute, type LandingAnswer, type LandingEnv } from '../inflow/landing.ts';
import { routePage } from '../inflow/pages.ts';
import { declareAccess } from '../plugins/access.ts';

const Param = Type.String({ maxLength: 100 });
const QueryText = Type.String({ maxLength: 1000 });

/**
 * Public pages of inflow routes, opened by people on phones: `/r/:routeId` (the URL in the QR
 * code), `/r/callback` (LINE Login's redirect) and the fake channel's add-friend page. Inputs are
 * schema-checked; a bad one is answered with a page, never JSON and never a half-done write.
 */
export const inflowPublicRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Public: reached by LINE, by friends on their phones, or by monitoring, without an account.
  declareAccess(app, 'public');
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  const envOf = (request: FastifyRequest): LandingEnv => ({ app, publicUrl: publicUrlOf(app, request), fakeLineUrl: () => app.fakeLineUrl() });
  const errorHandler = (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
    if (error.validation || (error.statusCode ?? 500) < 500) return send(reply, { status: 400, kind: 'bad_state' });
    throw error;
  };

  app.get('/r/callback', {
    errorHandler,
    schema: {
      tags: ['inflow-routes'],
      querystring: Type.Object({
        code: Type.Optional(QueryText), state: Type.Optional(QueryText), error: Type.Optional(QueryText),
        error_description: Type.Optional(QueryText), friendship_status_changed: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
        liffClientId: Type.Optional(QueryText), liffRedirectUri: Type.Optional(QueryText),
      }, { additionalProperties: false }),
    },
  }, async (request, reply) => send(reply, await finishLogin(envOf(request), request.query)));

  app.get('/r/add-friend/:channelId', {
    errorHandler,
    schema: { tags: ['inflow-routes'], params: Type.Object({ channelId: Type.String({ format: 'uuid' }) }), querystring: Type.Object({ user: Type.Optional(Param) }, { additionalProperties: false }) },
  }, async (request, reply) => send(reply, await showFakeAddFriend(app, request.params.channelId, request.query.user)));

  app.post('/r/add-friend/:channelId', {
    errorHandler,
    schema: {
      tags: ['inflow-routes'],
      params: Type.Object({ channelId: Type.String({ format: 'uuid' }) }),
      body: Type.Object({ userId: Type.Optional(Param), displayName: Type.Optional(Type.String({ maxLength: 100 })) }, { additionalProperties: false }),
    },
  }, async (request, reply) => send(reply, await followOnFake(app, request.params.channelId, request.body)));

  app.get('/r/:routeId', {
    errorHandler,
    schema: { tags: ['inflow-routes'], params: Type.Object({ routeId: Type.String({ maxLength: 1000 }) }) },
  }, async (request, reply) => send(reply, await landOnRoute(envOf(request), request.params.routeId)));
};

function send(reply: FastifyReply, answer: LandingAnswer) {
  reply.header('cache-control', 'no-store');
  if ('redirect' in answer) return reply.redirect(answer.redirect, 302);
  return reply.code(answer.status).type('text/html; charset=utf-8').send(routePage(answer.kind, answer.options));
}
