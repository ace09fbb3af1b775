/** The fake LINE platform: a Fastify plugin, a standalone server, and friend/webhook simulation. */
export { fakeLinePlugin, FAKE_LINE_BODY_LIMIT, type FakeLinePluginOptions } from './plugin.ts';
export { startFakeLineServer, type RunningFakeLineServer, type StartFakeLineServerOptions } from './server.ts';
export { FakeLine, type FakeLineOptions } from './fake-line.ts';
export type { FakeChannel, FakeChannelConfig } from './channels.ts';
export type { FailureKind, FailurePlan } from './failures.ts';
export type { LoggedRequest } from './request-log.ts';
export { LINE_RATE_LIMITS, type RateLimit, type RateLimitedEndpoint } from './rate-windows.ts';
export { RETRY_KEY_TTL_MS } from './retry-keys.ts';
export { createUserId, isUserId, type FakeUser, type InboxEntry } from './users.ts';
export { actAsFriend, type FriendAction, type FriendActionResult } from './friends.ts';
export { createWebhookEventId, followEvent, postbackEvent, textMessageEvent, unfollowEvent } from './events.ts';
export { simulateWebhook, type SimulateWebhookOptions, type WebhookDelivery } from './webhook-simulator.ts';
export { LINE_ERRORS } from './line-errors.ts';
export { FakeLogin, LOGIN_CODE_TTL_MS, type FakeLoginChannel } from './login.ts';
