import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { followEvent } from '../../src/line/fake/index.ts';
import { hasLineReference, listFixtures, missingReferenceReason, readFixture, readFixtureBytes } from '../line/line-reference.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, newUserId, postWebhook, rows, type Workspace } from './harness.ts';

// POST /webhooks/line/:channelId at its boundary, workers off: what is answered and what is stored.
// The stored rows are the contract with the worker, so "nothing stored" is checked in the table.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
});
afterAll(() => t.close());

const storedFor = async (channelId: string) =>
  (await rows<{ webhook_event_id: string }>(t, 'select webhook_event_id from webhook_events where channel_id = $1', [channelId]))
    .map((row) => row.webhook_event_id).sort();

const body = (events: object[]) => JSON.stringify({ destination: `U${'0'.repeat(32)}`, events });
const post = (payload: string | Buffer, options: Parameters<typeof postWebhook>[3] = { secret: ws.channelSecret }) =>
  postWebhook(t, ws.channelId, payload, options);

describe.skipIf(!hasLineReference)(`LINE's webhook fixtures${hasLineReference ? '' : ` (skipped: ${missingReferenceReason})`}`, () => {
  const fixtures = hasLineReference ? listFixtures('webhook') : [];

  // The IDs in these files are truncated as LINE prints them ("U4af4980629..."): shape tests only.
  test.each(fixtures)('%s, signed, is answered 200 and each of its events is stored once', async (file) => {
    const raw = readFixtureBytes(file);
    const { events } = readFixture(file) as { events: Array<{ webhookEventId: string }> };
    const response = await post(raw);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ received: events.length });
    const stored = await storedFor(ws.channelId);
    for (const event of events) expect(stored.filter((id) => id === event.webhookEventId)).toHaveLength(1);
  });

  type Vector = { file?: string; body?: string; channelSecret: string; 'x-line-signature': string };
  const vectors = hasLineReference ? (readFixture('signature-vectors.json') as { vectors: Vector[] }).vectors : [];

  describe('signature vectors through the route', () => {
    let vectorChannel: string;
    beforeAll(async () => {
      // A channel holding the vectors' secret; with workers off nothing ever calls LINE for it.
      const secret = vectors[0]?.channelSecret ?? 'unused';
      expect(vectors.every((vector) => vector.channelSecret === secret)).toBe(true);
      vectorChannel = (await ws.api('POST', '/channels', {
        name: 'vectors', lineChannelId: '1000000001', channelSecret: secret, channelAccessToken: 'vector-token-0123456789',
      })).id;
    });

    const bytesOf = (vector: Vector) => (vector.file ? readFixtureBytes(vector.file) : Buffer.from(vector.body ?? '', 'utf8'));
    const names = vectors.map((vector) => [vector.file ?? 'inline body', vector] as const);

    test.each(names)('%s: a wrong or missing signature is 401 with the error shape, and nothing is stored', async (_name, vector) => {
      const bytes = bytesOf(vector);
      const good = vector['x-line-signature'];
      const flipped = `${good.startsWith('A') ? 'B' : 'A'}${good.slice(1)}`;
      for (const signature of [flipped, '', null, 'not base64 at all!', Buffer.from('x').toString('base64')]) {
        const response = await postWebhook(t, vectorChannel, bytes, { secret: vector.channelSecret, signature });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toEqual({ code: 'invalid_signature', message: expect.any(String) });
      }
      // The right signature over other bytes (one trailing space) is just as wrong.
      const tampered = await postWebhook(t, vectorChannel, Buffer.concat([bytes, Buffer.from(' ')]), { secret: vector.channelSecret, signature: good });
      expect(tampered.statusCode).toBe(401);
      expect(await storedFor(vectorChannel)).toEqual([]);
    });

    test.each(names)('%s: the known signature is accepted', async (_name, vector) => {
      const response = await postWebhook(t, vectorChannel, bytesOf(vector), { secret: vector.channelSecret, signature: vector['x-line-signature'] });
      expect(response.statusCode, response.body).toBe(200);
    });
  });
});

describe('answers LINE relies on', () => {
  test("`events: []` (LINE's endpoint check) is 200 and stores nothing", async () => {
    const before = await storedFor(ws.channelId);
    const response = await post(body([]));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ received: 0 });
    expect(await storedFor(ws.channelId)).toEqual(before);
  });

  test("a machine's POST: no session, cookie or browser security headers (the API's pages keep them)", async () => {
    // The webhook sits outside the browser's context (app.ts): session, CSRF and helmet hooks cost
    // more per POST than storing the events.
    const response = await post(body([followEvent({ userId: newUserId() })]));
    expect(response.statusCode).toBe(200);
    for (const header of ['set-cookie', 'content-security-policy', 'x-frame-options', 'strict-transport-security']) {
      expect(response.headers[header], header).toBeUndefined();
    }
    const page = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  test('unknown event types are accepted and ignored beside known ones', async () => {
    const known = followEvent({ userId: newUserId() });
    const unknownTypes = [
      { type: 'beacon', mode: 'active', timestamp: 1, source: { type: 'user', userId: newUserId() }, webhookEventId: '01UNKNOWNBEACON0000000000A', deliveryContext: { isRedelivery: false }, beacon: { hwid: 'd41d8cd98f', type: 'enter' } },
      { type: 'somethingLineAddsNextYear', webhookEventId: '01UNKNOWNFUTURE0000000000A', whatever: [1, 2, 3] },
    ];
    const alone = await post(body(unknownTypes));
    expect(alone.statusCode).toBe(200);
    expect(alone.json()).toEqual({ received: 0 });
    const mixed = await post(body([...unknownTypes, known]));
    expect(mixed.statusCode).toBe(200);
    expect(mixed.json()).toEqual({ received: 1 });
    const stored = await storedFor(ws.channelId);
    expect(stored).toContain(known.webhookEventId);
    expect(stored).not.toContain('01UNKNOWNBEACON0000000000A');
    expect(stored).not.toContain('01UNKNOWNFUTURE0000000000A');
  });
});

describe('refusals', () => {
  test('an unknown channel id is 404 with the error shape', async () => {
    const response = await postWebhook(t, '00000000-0000-4000-8000-000000000000', body([]), { secret: ws.channelSecret });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'channel_not_found', message: expect.any(String) });
  });

  test('another channel\'s secret is 401: a signature is only good for the channel it was made for', async () => {
    const other = await createWorkspace(t, 'Other');
    const response = await post(body([followEvent({ userId: newUserId() })]), { secret: other.channelSecret });
    expect(response.statusCode).toBe(401);
  });

  test('malformed JSON with a valid signature is 400 invalid_json, and nothing is stored', async () => {
    const before = await storedFor(ws.channelId);
    for (const payload of ['{"destination":"U0","events":[', 'not json', '']) {
      const response = await post(payload);
      expect(response.statusCode, payload).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_json', message: expect.any(String) });
    }
    expect(await storedFor(ws.channelId)).toEqual(before);
  });

  test('JSON that is not a webhook body is 400 with the error shape', async () => {
    for (const payload of ['[]', '{"destination":"U0"}', '{"events":"nope"}', 'null']) {
      const response = await post(payload);
      expect(response.statusCode, payload).toBe(400);
      expect(response.json()).toMatchObject({ code: expect.stringMatching(/^invalid_/), message: expect.any(String) });
    }
  });

  test.each(['text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'])(
    'content type %s is refused with a 4xx and nothing is stored', async (contentType) => {
      const before = await storedFor(ws.channelId);
      const response = await post(body([followEvent({ userId: newUserId() })]), { secret: ws.channelSecret, contentType });
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
      expect(response.statusCode).toBeLessThan(500);
      expect(response.json()).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      expect(await storedFor(ws.channelId)).toEqual(before);
    });

  test('a body over 1 MB is 413, even correctly signed', async () => {
    const padding = 'x'.repeat(1024 * 1024);
    const huge = body([{ ...followEvent({ userId: newUserId() }), padding }]);
    const response = await post(huge);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'body_too_large' });
  });
});
