import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLineClient, retryKeyFor } from '../../src/line/index.ts';
import { startFakeLineServer, type RunningFakeLineServer } from '../../src/line/fake/index.ts';
import { alice, bob, text } from './fake-harness.ts';

/** The client (undici for sends, profiles and statistics; the SDK for the quota) against the fake LINE server over real HTTP. */

let server: RunningFakeLineServer;
const token = 'client-test-token';
beforeAll(async () => {
  server = await startFakeLineServer({ channels: [{ channelAccessToken: token, channelId: 'client-test' }], monthlyLimit: 1000 });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.fake.reset();
});

const client = (options: { timeoutMs?: number; channelAccessToken?: string; baseURL?: string } = {}) =>
  createLineClient({ channelAccessToken: options.channelAccessToken ?? token, baseURL: options.baseURL ?? server.url, timeoutMs: options.timeoutMs ?? 5000 });

describe('LINE client outcomes', () => {
  it('push: accepted with message ids, delivered to the inbox', async () => {
    const outcome = await client().push({ to: alice, messages: [text('こんにちは')], retryKey: retryKeyFor('run-1', 'send-1', 1) });
    expect(outcome).toMatchObject({ kind: 'accepted', sentMessages: [{ id: expect.any(String) }] });
    expect(server.fake.users.inbox(alice).map((entry) => entry.message)).toEqual([text('こんにちは')]);
  });

  it('push retried with the same key: alreadyAccepted, carrying the first message ids, nothing sent twice', async () => {
    const request = { to: alice, messages: [text('once')], retryKey: retryKeyFor('run-2', 'send-1', 1) };
    const first = await client().push(request);
    const second = await client().push(request);
    expect(second).toEqual({ kind: 'alreadyAccepted', sentMessages: first.kind === 'accepted' ? first.sentMessages : [] });
    expect(server.fake.users.inbox(alice)).toHaveLength(1);
  });

  it('multicast: accepted, every recipient served', async () => {
    const outcome = await client().multicast({ to: [alice, bob], messages: [text('all')], retryKey: retryKeyFor('run-3', 'n', 1) });
    expect(outcome).toEqual({ kind: 'accepted' });
    expect(server.fake.users.inbox(bob)).toHaveLength(1);
  });

  it('5xx: retryable', async () => {
    server.fake.failures.add({ kind: 'server-error' });
    expect(await client().push({ to: alice, messages: [text('x')], retryKey: retryKeyFor('r', 'n', 1) }))
      .toMatchObject({ kind: 'retryable', status: 500 });
  });

  it('429: rateLimited, telling a rate limit from the monthly limit', async () => {
    server.fake.failures.add({ kind: 'rate-limited' });
    expect(await client().push({ to: alice, messages: [text('x')], retryKey: retryKeyFor('r', 'n', 2) }))
      .toEqual({ kind: 'rateLimited', scope: 'rate', reason: 'The API rate limit has been exceeded. Try again later.' });
  });

  it('400: rejected with LINE reason and details', async () => {
    const outcome = await client().push({ to: alice, messages: [text('')], retryKey: retryKeyFor('r', 'n', 3) });
    expect(outcome).toEqual({
      kind: 'rejected', status: 400,
      reason: 'The request body has 1 error(s): messages[0].text May not be empty',
      details: [{ message: 'May not be empty', property: 'messages[0].text' }],
    });
  });

  it('401: rejected', async () => {
    expect(await client({ channelAccessToken: 'wrong' }).push({ to: alice, messages: [text('x')], retryKey: retryKeyFor('r', 'n', 4) }))
      .toMatchObject({ kind: 'rejected', status: 401 });
  });

  it('timeout: retryable; when LINE did accept, the retry is alreadyAccepted', async () => {
    server.fake.failures.add({ kind: 'timeout', hangMs: 60_000, delivered: true });
    const request = { to: alice, messages: [text('slow')], retryKey: retryKeyFor('r', 'n', 5) };
    expect(await client({ timeoutMs: 100 }).push(request)).toMatchObject({ kind: 'retryable', reason: expect.stringMatching(/^timeout/) });
    expect(await client().push(request)).toMatchObject({ kind: 'alreadyAccepted' });
    expect(server.fake.users.inbox(alice)).toHaveLength(1);
  });

  it('network failure: retryable', async () => {
    const closed = await startFakeLineServer();
    await closed.close();
    expect(await client({ baseURL: closed.url }).push({ to: alice, messages: [text('x')], retryKey: retryKeyFor('r', 'n', 6) }))
      .toMatchObject({ kind: 'retryable', reason: expect.stringMatching(/^network/) });
  });

  it('profile: found for a registered friend, notFound otherwise', async () => {
    server.fake.users.register({ userId: alice, displayName: 'Alice' });
    expect(await client().getProfile(alice)).toEqual({ kind: 'found', profile: { userId: alice, displayName: 'Alice' } });
    expect(await client().getProfile(bob)).toEqual({ kind: 'notFound' });
  });

  it('a path in baseURL is dropped (as the SDK drops it), so the fake serves at its origin root', async () => {
    const outcome = await client({ baseURL: `${server.url}/some/prefix` }).push({ to: alice, messages: [text('x')], retryKey: retryKeyFor('r', 'n', 7) });
    expect(outcome.kind).toBe('accepted');
  });
});
