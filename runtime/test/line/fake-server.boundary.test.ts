import Fastify from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeLine, fakeLinePlugin } from '../../src/line/fake/index.ts';
import { alice, auth, buildFakeLine, text } from './fake-harness.ts';
import { hasLineReference, readFixture } from './line-reference.ts';

let line: Awaited<ReturnType<typeof buildFakeLine>>;
beforeEach(async () => {
  line = await buildFakeLine();
});
afterEach(async () => {
  await line.app.close();
});

const pushRaw = (payload: string | Buffer, headers: Record<string, string>) =>
  line.app.inject({ method: 'POST', url: '/v2/bot/message/push', headers, payload });
const validPush = JSON.stringify({ to: alice, messages: [text('hi')] });
const requestsLogged = async () => (await line.app.inject({ url: '/fake-line/requests' })).json().requests.length;
const inboxSize = async () => (await line.app.inject({ url: `/fake-line/users/${alice}/inbox` })).json().messages.length;

describe('authentication', () => {
  it('answers 401 with LINE body without a bearer token', async () => {
    const response = await pushRaw(validPush, { 'content-type': 'application/json' });
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toMatch(/^Authorization header required/);
  });

  it('answers 401 to an unknown token when channels are configured', async () => {
    const fake = new FakeLine({ channels: [{ channelAccessToken: 'known' }] });
    const app = Fastify();
    await app.register(fakeLinePlugin, { fake });
    const unknown = await app.inject({ url: '/v2/bot/info', headers: { authorization: 'Bearer unknown' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().message).toMatch(/^Authentication failed/);
    expect((await app.inject({ url: '/v2/bot/info', headers: { authorization: 'Bearer known' } })).statusCode).toBe(200);
    await app.close();
  });
});

describe('bad input gets a clear 4xx and changes nothing', () => {
  const cases: Array<[string, string | Buffer, Record<string, string>, number]> = [
    ['malformed JSON', '{"to": "U', { 'content-type': 'application/json' }, 400],
    ['an empty body', '', { 'content-type': 'application/json' }, 400],
    ['a form body', 'to=U1', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['plain text', validPush, { 'content-type': 'text/plain' }, 415],
    ['a body over 1 MB', JSON.stringify({ to: alice, messages: [text('x')], padding: 'x'.repeat(1024 * 1024) }), { 'content-type': 'application/json' }, 413],
  ];
  it.each(cases)('%s', async (_name, payload, headers, status) => {
    const response = await pushRaw(payload, { ...auth, ...headers });
    expect(response.statusCode).toBe(status);
    expect(typeof response.json().message).toBe('string');
    expect(await inboxSize()).toBe(0);
    expect(await requestsLogged()).toBe(0);
  });

  it('answers 404 with LINE body on an unknown path', async () => {
    const response = await line.app.inject({ url: '/v2/bot/nothing-here', headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ message: 'Not found' });
  });

  it('mounts inside an app that owns the not-found handler and a JSON error shape', async () => {
    const host = Fastify();
    host.setNotFoundHandler(async (_request, reply) => reply.code(404).send({ code: 'not_found' }));
    host.setErrorHandler(async (_error, _request, reply) => reply.code(500).send({ code: 'host' }));
    await host.register(fakeLinePlugin, { fake: new FakeLine() });
    expect((await host.inject({ url: '/v2/bot/unknown', headers: auth })).json()).toEqual({ message: 'Not found' });
    expect((await host.inject({ url: '/elsewhere' })).json()).toEqual({ code: 'not_found' });
    const broken = await host.inject({ method: 'POST', url: '/v2/bot/message/push', headers: { ...auth, 'content-type': 'application/json' }, payload: '{' });
    expect(broken.json()).toEqual({ message: 'The request body is not valid JSON' });
    await host.close();
  });
});

describe('rate limits', () => {
  const multicast = () => line.app.inject({
    method: 'POST', url: '/v2/bot/message/multicast', headers: auth, payload: { to: [alice], messages: [text('x')] },
  });

  it('answers 429 to the 201st multicast within one second, and serves again in the next second', async () => {
    for (let index = 0; index < 200; index += 1) expect((await multicast()).statusCode).toBe(200);
    const over = await multicast();
    expect(over.statusCode).toBe(429);
    expect(over.json()).toEqual(hasLineReference ? readFixture('api/error.429-rate-limit.json') : { message: 'The API rate limit has been exceeded. Try again later.' });
    line.advance(1000);
    expect((await multicast()).statusCode).toBe(200);
  });

  it('keeps channels apart', async () => {
    const fake = new FakeLine({ now: () => 0, rateLimits: { push: { requests: 1, windowMs: 1000 } } });
    const app = Fastify();
    await app.register(fakeLinePlugin, { fake });
    const push = (token: string) => app.inject({
      method: 'POST', url: '/v2/bot/message/push', headers: { authorization: `Bearer ${token}` }, payload: { to: alice, messages: [text('x')] },
    });
    expect((await push('a')).statusCode).toBe(200);
    expect((await push('a')).statusCode).toBe(429);
    expect((await push('b')).statusCode).toBe(200);
    await app.close();
  });

  it('allows 60 broadcasts an hour', async () => {
    const broadcast = () => line.app.inject({ method: 'POST', url: '/v2/bot/message/broadcast', headers: auth, payload: { messages: [text('x')] } });
    for (let index = 0; index < 60; index += 1) expect((await broadcast()).statusCode).toBe(200);
    expect((await broadcast()).statusCode).toBe(429);
    line.advance(3_600_000);
    expect((await broadcast()).statusCode).toBe(200);
  });
});

describe('failures ordered by tests', () => {
  const fail = (plan: object) => line.app.inject({ method: 'POST', url: '/fake-line/failures', payload: plan });
  const push = (headers: Record<string, string> = {}) => line.app.inject({
    method: 'POST', url: '/v2/bot/message/push', headers: { ...auth, ...headers }, payload: { to: alice, messages: [text('x')] },
  });

  it('fails the next N requests with 500, then serves', async () => {
    expect((await fail({ kind: 'server-error', count: 2 })).statusCode).toBe(201);
    expect((await push()).statusCode).toBe(500);
    expect((await push()).statusCode).toBe(500);
    expect((await push()).statusCode).toBe(200);
    expect(await inboxSize()).toBe(1);
  });

  it('fails only the endpoint named', async () => {
    await fail({ kind: 'rate-limited', endpoint: 'multicast' });
    expect((await push()).statusCode).toBe(200);
    const multicast = await line.app.inject({
      method: 'POST', url: '/v2/bot/message/multicast', headers: auth, payload: { to: [alice], messages: [text('x')] },
    });
    expect(multicast.statusCode).toBe(429);
  });

  it('hangs, then answers 504 without delivering', async () => {
    await fail({ kind: 'timeout', hangMs: 5 });
    expect((await push()).statusCode).toBe(504);
    expect(await inboxSize()).toBe(0);
  });

  it('hangs after delivering, so a retry with the same key gets 409', async () => {
    const retryKey = '0f8fad5b-d9cb-469f-a165-70867728950e';
    await fail({ kind: 'timeout', hangMs: 5, delivered: true });
    expect((await push({ 'x-line-retry-key': retryKey })).statusCode).toBe(200);
    expect((await push({ 'x-line-retry-key': retryKey })).statusCode).toBe(409);
    expect(await inboxSize()).toBe(1);
  });

  it('refuses an unknown failure kind', async () => {
    expect((await fail({ kind: 'meteor' })).statusCode).toBe(400);
  });
});

describe('profiles, quota, bot info and the control API', () => {
  it('serves a registered profile and 404 for anyone else', async () => {
    const created = await line.app.inject({ method: 'POST', url: '/fake-line/users', payload: { userId: alice, displayName: 'ありす', language: 'ja' } });
    expect(created.statusCode).toBe(201);
    const profile = await line.app.inject({ url: `/v2/bot/profile/${alice}`, headers: auth });
    expect(profile.json()).toEqual({ userId: alice, displayName: 'ありす', language: 'ja' });
    const missing = await line.app.inject({ url: '/v2/bot/profile/U00000000000000000000000000000000', headers: auth });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({ message: 'Not found' });
  });

  it('generates a LINE-format user id when none is given, and lists users', async () => {
    const created = (await line.app.inject({ method: 'POST', url: '/fake-line/users', payload: { displayName: 'Bob' } })).json();
    expect(created.userId).toMatch(/^U[0-9a-f]{32}$/);
    const users = (await line.app.inject({ url: '/fake-line/users' })).json().users;
    expect(users).toEqual([expect.objectContaining({ userId: created.userId, displayName: 'Bob', received: 0 })]);
  });

  it('counts consumption per recipient and reports quota and bot info', async () => {
    await line.app.inject({ method: 'POST', url: '/v2/bot/message/push', headers: auth, payload: { to: alice, messages: [text('a'), text('b')] } });
    expect((await line.app.inject({ url: '/v2/bot/message/quota/consumption', headers: auth })).json()).toEqual({ totalUsage: 1 });
    expect((await line.app.inject({ url: '/v2/bot/message/quota', headers: auth })).json()).toEqual({ type: 'none' });
    const info = (await line.app.inject({ url: '/v2/bot/info', headers: auth })).json();
    expect(info).toMatchObject({ userId: expect.stringMatching(/^U[0-9a-f]{32}$/), chatMode: 'bot', markAsReadMode: 'auto' });
  });

  it('refuses sends past a monthly limit with LINE body', async () => {
    const fake = new FakeLine({ monthlyLimit: 1 });
    const app = Fastify();
    await app.register(fakeLinePlugin, { fake });
    const push = () => app.inject({ method: 'POST', url: '/v2/bot/message/push', headers: auth, payload: { to: alice, messages: [text('x')] } });
    expect((await push()).statusCode).toBe(200);
    const refused = await push();
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ message: 'You have reached your monthly limit.' });
    await app.close();
  });

  it('resets everything', async () => {
    await line.app.inject({ method: 'POST', url: '/v2/bot/message/push', headers: auth, payload: { to: alice, messages: [text('x')] } });
    expect((await line.app.inject({ method: 'POST', url: '/fake-line/reset' })).statusCode).toBe(204);
    expect(await inboxSize()).toBe(0);
    expect(await requestsLogged()).toBe(0);
  });
});
