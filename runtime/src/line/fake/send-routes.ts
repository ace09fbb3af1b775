import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertNever } from '@lsb/shared';
import type { SendEndpoint } from '../schemas/index.ts';
import type { FakeChannel } from './channels.ts';
import type { FakeLine } from './fake-line.ts';
import type { Hangs } from './hangs.ts';
import { LINE_ERRORS } from './line-errors.ts';
import type { RateLimitedEndpoint } from './rate-windows.ts';

/** LINE's send endpoints and read endpoints, served at the origin root as `/v2/bot/...`. */

const sendEndpoints: SendEndpoint[] = ['push', 'multicast', 'reply', 'narrowcast', 'broadcast'];

export function bearerToken(request: FastifyRequest): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
  return match?.[1];
}

export function registerLineRoutes(app: FastifyInstance, fake: FakeLine, hangs: Hangs): void {
  /** The channel the (already checked) bearer token names. */
  const channelOf = (request: FastifyRequest) => fake.channels.authenticate(bearerToken(request) ?? '') as FakeChannel;

  /**
   * Test-ordered failures come first, then LINE's rate limit, then the endpoint itself. A `delivered`
   * timeout serves the request before hanging, like a LINE that accepted but whose answer was lost.
   */
  async function handle(
    request: FastifyRequest, reply: FastifyReply, endpoint: string, limit: RateLimitedEndpoint, serve: () => Answer,
  ): Promise<FastifyReply> {
    const channel = channelOf(request);
    const failure = fake.failures.take(endpoint);
    const refuse = (status: number, body: unknown, forcedFailure?: string) => {
      fake.requests.add({
        at: new Date(fake.now()).toISOString(), endpoint, channelId: channel.channelId, status,
        ...(forcedFailure === undefined ? {} : { forcedFailure }),
      });
      return reply.code(status).send(body);
    };
    const send = (answer: Answer) => reply.code(answer.status).headers(answer.headers ?? {}).send(answer.body);
    if (failure) {
      switch (failure.kind) {
        case 'server-error':
          return refuse(500, LINE_ERRORS.serverError, failure.kind);
        case 'rate-limited':
          return refuse(429, LINE_ERRORS.rateLimited, failure.kind);
        case 'timeout': {
          const served = failure.delivered ? serve() : undefined;
          await hangs.wait(failure.hangMs);
          return served ? send(served) : refuse(504, LINE_ERRORS.serverError, failure.kind);
        }
        default:
          return assertNever(failure.kind);
      }
    }
    if (!fake.admit(channel, limit)) return refuse(429, LINE_ERRORS.rateLimited);
    return send(serve());
  }

  for (const endpoint of sendEndpoints) {
    app.post(`/v2/bot/message/${endpoint}`, (request, reply) => {
      const retryKey = request.headers['x-line-retry-key'];
      const key = Array.isArray(retryKey) ? retryKey.join(',') : retryKey;
      return handle(request, reply, endpoint, endpoint, () => fake.send(endpoint, channelOf(request), request.body, key));
    });
  }

  app.get<{ Params: { userId: string } }>('/v2/bot/profile/:userId', (request, reply) =>
    handle(request, reply, 'profile', 'read', () => {
      const user = fake.users.get(request.params.userId);
      if (!user || user.blocked) return { status: 404, body: LINE_ERRORS.notFound };
      const { blocked: _blocked, ...profile } = user;
      return { status: 200, body: profile };
    }));

  app.get('/v2/bot/insight/message/event/aggregation', (request, reply) =>
    handle(request, reply, 'insight', 'read', () => fake.insight.answer(channelOf(request).channelId, request.query as Record<string, unknown>)));

  app.get('/v2/bot/message/aggregation/info', (request, reply) =>
    handle(request, reply, 'aggregationInfo', 'read', () => ({
      status: 200, body: { numOfCustomAggregationUnits: fake.units.namesThisMonth(channelOf(request).channelId, fake.now()).length },
    })));

  app.get('/v2/bot/message/quota', (request, reply) =>
    handle(request, reply, 'quota', 'read', () => ({
      status: 200,
      body: fake.monthlyLimit === undefined ? { type: 'none' } : { type: 'limited', value: fake.monthlyLimit },
    })));

  app.get('/v2/bot/message/quota/consumption', (request, reply) =>
    handle(request, reply, 'quotaConsumption', 'read', () => ({ status: 200, body: { totalUsage: fake.consumed(channelOf(request)) } })));

  app.get('/v2/bot/info', (request, reply) =>
    handle(request, reply, 'info', 'read', () => {
      const channel = channelOf(request);
      return {
        status: 200,
        body: {
          userId: channel.botUserId, basicId: `@${channel.channelId}`, displayName: channel.displayName,
          chatMode: 'bot', markAsReadMode: 'auto',
        },
      };
    }));
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
