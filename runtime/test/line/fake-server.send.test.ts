import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RETRY_KEY_TTL_MS } from '../../src/line/fake/index.ts';
import { alice, auth, bob, buildFakeLine, text } from './fake-harness.ts';
import { hasLineReference, readFixture } from './line-reference.ts';

let line: Awaited<ReturnType<typeof buildFakeLine>>;
beforeEach(async () => {
  line = await buildFakeLine();
});
afterEach(async () => {
  await line.app.close();
});

const push = (body: unknown, headers: Record<string, string> = {}) =>
  line.app.inject({ method: 'POST', url: '/v2/bot/message/push', headers: { ...auth, ...headers }, payload: body as object });
const inbox = async (userId: string) =>
  (await line.app.inject({ url: `/fake-line/users/${userId}/inbox` })).json<{ messages: Array<{ id: string; message: unknown }> }>().messages;

describe('push', () => {
  it('is accepted, answered with sentMessages, and lands in the inbox', async () => {
    const response = await push({ to: alice, messages: [text('Hello'), { type: 'sticker', packageId: '446', stickerId: '1988' }] });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-line-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const { sentMessages } = response.json<{ sentMessages: Array<{ id: string; quoteToken?: string }> }>();
    expect(sentMessages).toHaveLength(2);
    expect(sentMessages[0]?.quoteToken).toBeDefined();
    const received = await inbox(alice);
    expect(received.map((entry) => entry.id)).toEqual(sentMessages.map((sent) => sent.id));
    expect(received[0]).toMatchObject({ message: text('Hello'), via: 'push', userId: alice, receivedAt: '2026-01-05T01:00:00.000Z' });
  });

  it('answers a repeated retry key with 409, the first sentMessages, and delivers nothing more', async () => {
    const retryKey = '123e4567-e89b-12d3-a456-426614174000';
    const body = { to: alice, messages: [text('once')] };
    const first = await push(body, { 'x-line-retry-key': retryKey });
    const second = await push(body, { 'x-line-retry-key': retryKey });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({ message: 'The retry key is already accepted', sentMessages: first.json().sentMessages });
    expect(second.headers['x-line-accepted-request-id']).toBe(first.headers['x-line-request-id']);
    expect(await inbox(alice)).toHaveLength(1);
    const log = (await line.app.inject({ url: '/fake-line/requests' })).json().requests;
    expect(log.at(-1)).toMatchObject({ status: 409, sameBodyAsAccepted: true, retryKey });
  });

  it('forgets a retry key after 24 hours', async () => {
    const retryKey = '123e4567-e89b-12d3-a456-426614174001';
    const body = { to: alice, messages: [text('again')] };
    expect((await push(body, { 'x-line-retry-key': retryKey })).statusCode).toBe(200);
    line.advance(RETRY_KEY_TTL_MS - 1);
    expect((await push(body, { 'x-line-retry-key': retryKey })).statusCode).toBe(409);
    line.advance(1);
    expect((await push(body, { 'x-line-retry-key': retryKey })).statusCode).toBe(200);
  });

  it('does not consume a retry key on a refused request', async () => {
    const retryKey = '123e4567-e89b-12d3-a456-426614174002';
    expect((await push({ to: alice, messages: [] }, { 'x-line-retry-key': retryKey })).statusCode).toBe(400);
    expect((await push({ to: alice, messages: [text('fixed')] }, { 'x-line-retry-key': retryKey })).statusCode).toBe(200);
  });

  it('refuses a retry key that is not a UUID', async () => {
    const response = await push({ to: alice, messages: [text('x')] }, { 'x-line-retry-key': 'run-1-node-2' });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/retry key/i);
  });

  it('answers a broken body with LINE 400 shape', async () => {
    const response = await push({ to: alice, messages: [text(''), { type: 'smoke-signal' }] });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toEqual({
      message: 'The request body has 2 error(s)',
      details: [
        { message: 'May not be empty', property: 'messages[0].text' },
        { message: expect.stringMatching(/^Must be one of the following values: \[text, /), property: 'messages[1].type' },
      ],
    });
    if (hasLineReference) {
      const reference = readFixture('api/error.400-body-validation.json') as typeof body;
      expect(Object.keys(body)).toEqual(Object.keys(reference));
      expect(body.details.map((detail: object) => Object.keys(detail).sort()))
        .toEqual(reference.details.map((detail: object) => Object.keys(detail).sort()));
      expect(body.details[0]).toEqual(reference.details[0]);
    }
  });

  it('refuses six messages and a recipient that is not a LINE id', async () => {
    expect((await push({ to: alice, messages: Array.from({ length: 6 }, () => text('x')) })).statusCode).toBe(400);
    const badTo = await push({ to: 'alice', messages: [text('x')] });
    expect(badTo.statusCode).toBe(400);
    expect(badTo.json()).toEqual({ message: "The property, 'to', in the request body is invalid (line: -, column: -)" });
  });

  it('answers 200 to a push to a friend who blocked us but does not deliver it', async () => {
    line.fake.users.setBlocked(bob, true);
    expect((await push({ to: bob, messages: [text('hello?')] })).statusCode).toBe(200);
    expect(await inbox(bob)).toEqual([]);
  });
});

describe('multicast, broadcast, narrowcast, reply', () => {
  const post = (endpoint: string, body: unknown, headers: Record<string, string> = {}) =>
    line.app.inject({ method: 'POST', url: `/v2/bot/message/${endpoint}`, headers: { ...auth, ...headers }, payload: body as object });

  it('multicasts to every recipient with its own message id and answers {}', async () => {
    const response = await post('multicast', { to: [alice, bob], messages: [text('hi all')] });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({});
    const [forAlice, forBob] = [(await inbox(alice))[0], (await inbox(bob))[0]];
    expect(forAlice?.message).toEqual(text('hi all'));
    expect(forAlice?.id).not.toBe(forBob?.id);
  });

  it('names the bad multicast recipient like LINE', async () => {
    const response = await post('multicast', { to: [alice, 'U0c229f96c4...'], messages: [text('x')] });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({ message: 'The property, to[1], in the request body is invalid (line: -, column: -)' });
  });

  it('answers a repeated multicast retry key with 409 and no sentMessages', async () => {
    const retryKey = 'b8f1c3de-2f0a-4c1e-9d3b-0a1b2c3d4e5f';
    await post('multicast', { to: [alice], messages: [text('x')] }, { 'x-line-retry-key': retryKey });
    const again = await post('multicast', { to: [alice], messages: [text('x')] }, { 'x-line-retry-key': retryKey });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toEqual(hasLineReference
      ? readFixture('api/broadcast-or-multicast.response.409-retry-key-accepted.json')
      : { message: 'The retry key is already accepted' });
  });

  it('broadcasts to every known friend who has not blocked us', async () => {
    line.fake.users.register({ userId: alice, displayName: 'Alice' });
    line.fake.users.register({ userId: bob, displayName: 'Bob' });
    line.fake.users.setBlocked(bob, true);
    expect((await post('broadcast', { messages: [text('news')] })).statusCode).toBe(200);
    expect(await inbox(alice)).toHaveLength(1);
    expect(await inbox(bob)).toHaveLength(0);
  });

  it('accepts a narrowcast with 202', async () => {
    const response = await post('narrowcast', { messages: [text('x')], recipient: { type: 'audience', audienceGroupId: 1 } });
    expect(response.statusCode).toBe(202);
  });

  it('replies once per issued reply token', async () => {
    const channelId = line.fake.channels.authenticate('test-channel-access-token')?.channelId ?? '';
    const replyToken = line.fake.issueReplyToken(alice, channelId);
    expect((await post('reply', { replyToken, messages: [text('thanks')] })).statusCode).toBe(200);
    expect(await inbox(alice)).toHaveLength(1);
    const reused = await post('reply', { replyToken, messages: [text('thanks')] });
    expect(reused.statusCode).toBe(400);
    expect(reused.json()).toEqual({ message: 'Invalid reply token' });
  });
});

describe('customAggregationUnits', () => {
  const multicast = (body: unknown, headers: Record<string, string> = {}) =>
    line.app.inject({ method: 'POST', url: '/v2/bot/message/multicast', headers: { ...auth, ...headers }, payload: body as object });
  const usage = async () => (await line.app.inject({ url: '/v2/bot/message/aggregation/info', headers: auth })).json();
  const rules = (body: object) => line.app.inject({ method: 'PUT', url: '/fake-line/aggregation-units', payload: body });

  it('takes one unit a request as LINE\'s pattern allows, and counts distinct names this month', async () => {
    expect((await multicast({ to: [alice, bob], messages: [text('a')], customAggregationUnits: ['spring_sale'] })).statusCode).toBe(200);
    expect((await push({ to: alice, messages: [text('b')], customAggregationUnits: ['spring_sale'] })).statusCode).toBe(200);
    expect((await push({ to: bob, messages: [text('c')], customAggregationUnits: ['autumn'] })).statusCode).toBe(200);
    expect(await usage()).toEqual({ numOfCustomAggregationUnits: 2 });
    // What LINE refuses: two units, a bad name, a name over 30 characters.
    for (const units of [['a', 'b'], ['bad-name'], ['x'.repeat(31)]]) {
      expect((await multicast({ to: [alice], messages: [text('d')], customAggregationUnits: units })).statusCode).toBe(400);
    }
    expect(await usage()).toEqual({ numOfCustomAggregationUnits: 2 });
  });

  it('refuses a new name once the month\'s names are used up (a known one still goes), and every unit for an account without access', async () => {
    expect((await rules({ monthlyLimit: 1 })).statusCode).toBe(200);
    expect((await push({ to: alice, messages: [text('a')], customAggregationUnits: ['first'] })).statusCode).toBe(200);
    const over = await push({ to: alice, messages: [text('b')], customAggregationUnits: ['second'] });
    expect(over.statusCode).toBe(400);
    expect((await push({ to: alice, messages: [text('c')], customAggregationUnits: ['first'] })).statusCode).toBe(200);
    // A refused request leaves its retry key unused: the same key without the unit goes through.
    const retryKey = '123e4567-e89b-12d3-a456-426614174abc';
    expect((await push({ to: bob, messages: [text('d')], customAggregationUnits: ['third'] }, { 'x-line-retry-key': retryKey })).statusCode).toBe(400);
    expect((await push({ to: bob, messages: [text('d')] }, { 'x-line-retry-key': retryKey })).statusCode).toBe(200);

    await rules({ available: false, monthlyLimit: 1000 });
    const denied = await push({ to: alice, messages: [text('e')], customAggregationUnits: ['first'] });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({ message: 'Access to this API is not available for your account' });
    expect((await push({ to: alice, messages: [text('f')] })).statusCode).toBe(200);
  });
});
