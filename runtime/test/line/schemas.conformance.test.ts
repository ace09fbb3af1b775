import { describe, expect, it } from 'vitest';
import {
  FlexContainer, Message, QuickReply, createLineValidator, parseWebhookBody, validateSendRequest,
} from '../../src/line/schemas/index.ts';
import { hasLineReference, listFixtures, missingReferenceReason, readFixture } from './line-reference.ts';

if (!hasLineReference) console.warn(`skipping LINE fixture conformance: ${missingReferenceReason}`);

const validateMessage = createLineValidator(Message);
const validateFlexContainer = createLineValidator(FlexContainer);
const validateQuickReply = createLineValidator(QuickReply);

/** Fixtures in messages/ that are not message objects, and the schema each one is. */
const fragmentValidators: Record<string, (value: unknown) => { ok: boolean }> = {
  'messages/flex-carousel-container.json': validateFlexContainer,
  'messages/quickReply-items.json': (value) => validateQuickReply((value as { quickReply: unknown }).quickReply),
};
/** Rich menus are created through their own endpoint, which the product does not serve. */
const notServed = new Set(['messages/richmenu.request.json']);

describe.skipIf(!hasLineReference)('LINE fixtures are accepted by our schemas', () => {
  const messageFixtures = hasLineReference ? listFixtures('messages').filter((file) => !notServed.has(file)) : [];

  it.each(messageFixtures)('%s', (file) => {
    const validate = fragmentValidators[file] ?? validateMessage;
    const result = validate(readFixture(file));
    expect(result).toMatchObject({ ok: true });
  });

  const requestFixtures: Array<[string, keyof typeof validateSendRequest]> = [
    ['api/push.request.json', 'push'],
    ['api/multicast.request.json', 'multicast'],
    ['api/reply.request.json', 'reply'],
    ['api/narrowcast.request.json', 'narrowcast'],
  ];
  it('covers every *.request.json in api/', () => {
    expect(listFixtures('api').filter((file) => file.endsWith('.request.json')).sort())
      .toEqual(requestFixtures.map(([file]) => file).sort());
  });
  it.each(requestFixtures)('%s as %s', (file, endpoint) => {
    expect(validateSendRequest[endpoint](readFixture(file))).toMatchObject({ ok: true });
  });

  it('every message fixture also goes out as a push and a broadcast', () => {
    const messages = listFixtures('messages').filter((file) => !notServed.has(file) && !fragmentValidators[file]).map(readFixture);
    for (const message of messages) {
      expect(validateSendRequest.push({ to: 'U4af4980629...', messages: [message] })).toMatchObject({ ok: true });
      expect(validateSendRequest.broadcast({ messages: [message] })).toMatchObject({ ok: true });
    }
  });

  it.each(hasLineReference ? listFixtures('webhook') : [])('webhook %s parses with no broken events', (file) => {
    const parsed = parseWebhookBody(readFixture(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Fixture ids are truncated as LINE prints them, and some come from groups: those are set
    // aside for that reason, never for their shape.
    expect(parsed.value.setAside.filter((event) => event.reason === 'invalid_shape')).toEqual([]);
    expect(parsed.value.ignored).toEqual([]);
  });
});
