import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { FakeLine } from './fake-line.ts';
import { actAsFriend, type FriendAction } from './friends.ts';
import { LINE_ERRORS } from './line-errors.ts';

/** `/fake-line/...`: what tests and the demo use to look inside the fake and to steer it. */

const UserBody = Type.Object({
  userId: Type.Optional(Type.String({ pattern: '^U[0-9a-f]{32}$' })),
  displayName: Type.String({ minLength: 1, maxLength: 100 }),
  pictureUrl: Type.Optional(Type.String({ pattern: '^https://' })),
  statusMessage: Type.Optional(Type.String({ maxLength: 500 })),
  language: Type.Optional(Type.String({ maxLength: 20 })),
});

const FailureBody = Type.Object({
  kind: Type.Union([Type.Literal('server-error'), Type.Literal('rate-limited'), Type.Literal('timeout')]),
  count: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  endpoint: Type.Optional(Type.String({ minLength: 1 })),
  hangMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 600_000 })),
  delivered: Type.Optional(Type.Boolean()),
});

const ChannelBody = Type.Object({
  channelAccessToken: Type.String({ minLength: 1 }),
  channelId: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  channelSecret: Type.Optional(Type.String({ minLength: 1 })),
  webhookUrl: Type.Optional(Type.String({ pattern: '^https?://' })),
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
});

const FriendEventBody = Type.Object({
  type: Type.Union([Type.Literal('follow'), Type.Literal('unfollow'), Type.Literal('message'), Type.Literal('postback')]),
  text: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
  data: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  isUnblocked: Type.Optional(Type.Boolean()),
  isRedelivery: Type.Optional(Type.Boolean()),
});

const QuotaBody = Type.Object({ monthlyLimit: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]) });

const UnitRulesBody = Type.Object({ available: Type.Optional(Type.Boolean()), monthlyLimit: Type.Optional(Type.Integer({ minimum: 0 })) }, { additionalProperties: false });

const UserParams = Type.Object({ userId: Type.String() });
const FriendParams = Type.Object({ channelId: Type.String(), userId: Type.String({ pattern: '^U[0-9a-f]{32}$' }) });

export function registerControlRoutes(app: FastifyInstance, fake: FakeLine, releaseHangs: () => void, webhookOrigin?: string): void {
  /** A webhook URL the fake may post to: anything in tests, only the runtime's origin when one is given. */
  const allowedWebhook = (url: string | undefined) => url === undefined || webhookOrigin === undefined || originOf(url) === originOf(webhookOrigin);
  app.get('/fake-line/users', async () => ({ users: fake.users.list() }));

  app.post<{ Body: Static<typeof UserBody> }>('/fake-line/users', { schema: { body: UserBody } }, async (request, reply) =>
    reply.code(201).send(fake.users.register(request.body)));

  app.get<{ Params: Static<typeof UserParams> }>('/fake-line/users/:userId/inbox', { schema: { params: UserParams } }, async (request) =>
    ({ userId: request.params.userId, messages: fake.users.inbox(request.params.userId) }));

  app.get('/fake-line/requests', async () => ({ requests: fake.requests.list() }));

  // The monthly message quota LINE's quota endpoint reports (null: no limit); a send past it is 429.
  app.put<{ Body: Static<typeof QuotaBody> }>('/fake-line/quota', { schema: { body: QuotaBody } }, async (request) => {
    fake.setMonthlyLimit(request.body.monthlyLimit ?? undefined);
    return { monthlyLimit: fake.monthlyLimit ?? null };
  });

  // customAggregationUnits: whether the account may use them, and how many names a month (aggregation-units.ts).
  app.put<{ Body: Static<typeof UnitRulesBody> }>('/fake-line/aggregation-units', { schema: { body: UnitRulesBody } }, async (request) =>
    fake.units.configure(request.body));

  app.post<{ Body: Static<typeof FailureBody> }>('/fake-line/failures', { schema: { body: FailureBody } }, async (request, reply) => {
    fake.failures.add(request.body);
    return reply.code(201).send({ pending: fake.failures.pending() });
  });

  app.post('/fake-line/reset', async (_request, reply) => {
    releaseHangs();
    fake.reset();
    return reply.code(204).send();
  });

  app.get('/fake-line/channels', async () => ({ channels: fake.channels.list().map(publicChannel) }));

  app.post<{ Body: Static<typeof ChannelBody> }>('/fake-line/channels', { schema: { body: ChannelBody } }, async (request, reply) => {
    if (!allowedWebhook(request.body.webhookUrl)) return reply.code(400).send({ message: `this fake LINE sends webhooks only to ${webhookOrigin}` });
    return reply.code(201).send(publicChannel(fake.channels.add(request.body)));
  });

  // Every inbox at once, as user id -> texts (other message types by their type): what chaos runs compare.
  app.get('/fake-line/inboxes', async () => ({
    inboxes: Object.fromEntries(fake.users.list().map((user) => [user.userId, fake.users.inbox(user.userId).map((entry) => (entry.message.type === 'text' ? entry.message.text : entry.message.type))])),
  }));

  app.post<{ Params: Static<typeof FriendParams>; Body: Static<typeof FriendEventBody> }>(
    '/fake-line/channels/:channelId/friends/:userId/events',
    { schema: { params: FriendParams, body: FriendEventBody } },
    async (request, reply) => {
      const channel = fake.channels.byId(request.params.channelId);
      if (!channel) return reply.code(404).send(LINE_ERRORS.notFound);
      if (!allowedWebhook(channel.webhookUrl)) return reply.code(409).send({ message: `this fake LINE sends webhooks only to ${webhookOrigin}` });
      const action = friendAction(request.body);
      if (!action) return reply.code(400).send({ message: `a ${request.body.type} event needs ${request.body.type === 'message' ? 'text' : 'data'}` });
      const result = await actAsFriend(fake, channel, request.params.userId, action, {
        ...(request.body.isRedelivery === undefined ? {} : { isRedelivery: request.body.isRedelivery }),
      });
      if (!result.ok) return reply.code(result.reason === 'unreachable' ? 502 : 409).send({ message: result.message });
      return { event: result.event, webhookStatus: result.delivery.status };
    },
  );
}

function friendAction(body: Static<typeof FriendEventBody>): FriendAction | undefined {
  switch (body.type) {
    case 'follow': return { type: 'follow', ...(body.isUnblocked === undefined ? {} : { isUnblocked: body.isUnblocked }) };
    case 'unfollow': return { type: 'unfollow' };
    case 'message': return body.text === undefined ? undefined : { type: 'message', text: body.text };
    case 'postback': return body.data === undefined ? undefined : { type: 'postback', data: body.data };
  }
}

/** Channels as the control API shows them: never with their token or secret. */
function publicChannel(channel: ReturnType<FakeLine['channels']['list']>[number]) {
  const { channelAccessToken: _token, channelSecret: _secret, ...rest } = channel;
  return rest;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
