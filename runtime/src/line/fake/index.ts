/** The fake LINE platform: a Fastify plugin, a standalone server, and friend/webhook simulation. */
export { fakeLinePlugin } from './plugin.ts';
export { startFakeLineServer, type RunningFakeLineServer } from './server.ts';
export { FakeLine, type FakeLineOptions } from './fake-line.ts';
export { RETRY_KEY_TTL_MS } from './retry-keys.ts';
export { isUserId } from './users.ts';
export { actAsFriend } from './friends.ts';
export { followEvent, postbackEvent, textMessageEvent, unfollowEvent } from './events.ts';
export { simulateWebhook } from './webhook-simulator.ts';
export { LOGIN_CODE_TTL_MS } from './login.ts';
