import { validateSignature } from '@line/bot-sdk';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  actAsFriend, FakeLine, fakeLinePlugin, followEvent, postbackEvent, simulateWebhook, textMessageEvent, unfollowEvent,
} from '../../src/line/fake/index.ts';
import { parseWebhookBody, type WebhookEvent } from '../../src/line/schemas/index.ts';
import { signWebhookBody, verifyWebhookSignature } from '../../src/line/signature.ts';
import { alice, text } from './fake-harness.ts';
import { hasLineReference, readFixture, readFixtureBytes } from './line-reference.ts';

describe.skipIf(!hasLineReference)('signature vectors', () => {
  type Vector = { file?: string; body?: string; channelSecret: string; 'x-line-signature': string };
  const vectors = hasLineReference ? (readFixture('signature-vectors.json') as { vectors: Vector[] }).vectors : [];

  it.each(vectors.map((vector) => [vector.file ?? 'inline body', vector] as const))('%s', (_name, vector) => {
    const body = vector.file ? readFixtureBytes(vector.file) : Buffer.from(vector.body ?? '', 'utf8');
    expect(signWebhookBody(body, vector.channelSecret)).toBe(vector['x-line-signature']);
    expect(verifyWebhookSignature(body, vector.channelSecret, vector['x-line-signature'])).toBe(true);
    expect(verifyWebhookSignature(Buffer.concat([body, Buffer.from(' ')]), vector.channelSecret, vector['x-line-signature'])).toBe(false);
    expect(verifyWebhookSignature(body, 'another-secret', vector['x-line-signature'])).toBe(false);
    expect(verifyWebhookSignature(body, vector.channelSecret, undefined)).toBe(false);
  });
});

/** A stand-in for the runtime's webhook: checks the signature over raw bytes with the SDK, keeps bodies. */
async function startReceiver(secret: string) {
  const received: Array<{ valid: boolean; body: unknown }> = [];
  const app: FastifyInstance = Fastify();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
  app.post('/webhook', async (request) => {
    const raw = request.body as Buffer;
    received.push({ valid: validateSignature(raw, secret, String(request.headers['x-line-signature'])), body: JSON.parse(raw.toString('utf8')) });
    return {};
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${url}/webhook`, received, close: () => app.close() };
}

describe('webhook simulation', () => {
  const secret = 'simulated-channel-secret';
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeEach(async () => {
    receiver = await startReceiver(secret);
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('builds events our webhook schema accepts', () => {
    const events: WebhookEvent[] = [
      followEvent({ userId: alice, timestamp: 1_700_000_000_000 }),
      unfollowEvent({ userId: alice }),
      textMessageEvent({ userId: alice, text: 'こんにちは' }),
      postbackEvent({ userId: alice, data: 'action=buy', params: { datetime: '2026-01-05T10:00' } }),
    ];
    const parsed = parseWebhookBody({ destination: 'U0', events });
    expect(parsed).toMatchObject({ ok: true, value: { events, setAside: [], ignored: [] } });
    expect(events[0]).toMatchObject({ mode: 'active', deliveryContext: { isRedelivery: false }, follow: { isUnblocked: false } });
    expect(events[0]?.webhookEventId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('signs the exact bytes it posts, verifiable with the SDK', async () => {
    const delivery = await simulateWebhook({ targetUrl: receiver.url, channelSecret: secret, events: [followEvent({ userId: alice })] });
    expect(delivery.status).toBe(200);
    expect(receiver.received).toEqual([{ valid: true, body: JSON.parse(delivery.rawBody) }]);
  });

  it('accepts and sets aside event types it does not handle', () => {
    const parsed = parseWebhookBody({ destination: 'U0', events: [{ type: 'beacon', beacon: {} }, followEvent({ userId: alice })] });
    expect(parsed).toMatchObject({ ok: true, value: { ignored: [{ index: 0, type: 'beacon' }], setAside: [] } });
  });

  it('reports a broken known event without refusing the batch', () => {
    const broken = { ...followEvent({ userId: alice }), source: { type: 'user' } };
    const parsed = parseWebhookBody({ destination: 'U0', events: [broken, unfollowEvent({ userId: alice })] });
    expect(parsed.ok && parsed.value.events.map((event) => event.type)).toEqual(['unfollow']);
    expect(parsed.ok && parsed.value.setAside.map(({ index, type, reason, details }) => ({ index, type, reason, details })))
      .toEqual([{ index: 0, type: 'follow', reason: 'invalid_shape', details: [{ property: 'source.userId', message: 'May not be empty' }] }]);
    expect(parseWebhookBody({ events: [] }).ok).toBe(false);
  });

  it('a virtual friend follows through the control API, replies land, unfollow blocks', async () => {
    const fake = new FakeLine();
    const app = Fastify();
    await app.register(fakeLinePlugin, { fake });
    const channel = (await app.inject({
      method: 'POST', url: '/fake-line/channels',
      payload: { channelAccessToken: 'demo-token', channelId: 'demo', channelSecret: secret, webhookUrl: receiver.url, displayName: 'Demo shop' },
    })).json();
    expect(channel).toMatchObject({ channelId: 'demo', displayName: 'Demo shop' });
    expect(channel.channelAccessToken).toBeUndefined();

    const followed = await app.inject({ method: 'POST', url: `/fake-line/channels/demo/friends/${alice}/events`, payload: { type: 'follow' } });
    expect(followed.json()).toMatchObject({ webhookStatus: 200, event: { type: 'follow', source: { userId: alice } } });
    expect(receiver.received[0]).toMatchObject({ valid: true, body: { destination: channel.botUserId } });

    const replyToken = followed.json().event.replyToken;
    const reply = await app.inject({
      method: 'POST', url: '/v2/bot/message/reply', headers: { authorization: 'Bearer demo-token' }, payload: { replyToken, messages: [text('ようこそ')] },
    });
    expect(reply.statusCode).toBe(200);
    expect(fake.users.inbox(alice).map((entry) => entry.via)).toEqual(['reply']);

    await app.inject({ method: 'POST', url: `/fake-line/channels/demo/friends/${alice}/events`, payload: { type: 'unfollow' } });
    expect(fake.users.isBlocked(alice)).toBe(true);
    expect((await app.inject({ url: `/v2/bot/profile/${alice}`, headers: { authorization: 'Bearer demo-token' } })).statusCode).toBe(404);
    await app.close();
  });

  it('says why a friend event cannot be sent', async () => {
    const fake = new FakeLine();
    const noWebhook = fake.channels.add({ channelAccessToken: 't', channelSecret: secret });
    expect(await actAsFriend(fake, noWebhook, alice, { type: 'follow' })).toMatchObject({ ok: false, reason: 'no-webhook' });
    const unreachable = fake.channels.add({ channelAccessToken: 'u', channelSecret: secret, webhookUrl: 'http://127.0.0.1:1/webhook' });
    expect(await actAsFriend(fake, unreachable, alice, { type: 'message', text: 'hi' })).toMatchObject({ ok: false, reason: 'unreachable' });
  });
});
