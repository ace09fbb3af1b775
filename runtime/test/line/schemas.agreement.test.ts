import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeKinds, parseFlowGraph, validateFlow } from '@lsb/shared';
import { alice, auth, buildFakeLine } from './fake-harness.ts';
import { hasLineReference, readFixture } from './line-reference.ts';

/**
 * A send node's publish check (shared's validateFlow, what the editor shows) and the fake LINE
 * server (what a push is answered) must agree on every message: publishable exactly when LINE
 * accepts it. Each kind has valid and broken examples; LINE's own example messages join them.
 */

const https = 'https://example.com';
const area = { x: 0, y: 0, width: 1040, height: 1040 };
const imagemap = (overrides: Record<string, unknown> = {}) => ({
  type: 'imagemap', baseUrl: `${https}/rm001`, altText: 'お知らせ', baseSize: { width: 1040, height: 1040 },
  actions: [{ type: 'uri', linkUri: `${https}/sale`, area }], ...overrides,
});

const examples: Record<string, { valid: unknown[]; invalid: unknown[] }> = {
  video: {
    valid: [
      { type: 'video', originalContentUrl: `${https}/a.mp4`, previewImageUrl: `${https}/a.jpg` },
      { type: 'video', originalContentUrl: `${https}/a.mp4`, previewImageUrl: `${https}/a.jpg`, trackingId: 'spring-2026_v1' },
    ],
    invalid: [
      { type: 'video', originalContentUrl: 'http://example.com/a.mp4', previewImageUrl: `${https}/a.jpg` },
      { type: 'video', originalContentUrl: `${https}/a.mp4`, previewImageUrl: '' },
      { type: 'video', originalContentUrl: `${https}/a.mp4`, previewImageUrl: 'https://' },
      { type: 'video', originalContentUrl: `${https}/${'a'.repeat(2000)}.mp4`, previewImageUrl: `${https}/a.jpg` },
      { type: 'video', originalContentUrl: `${https}/a.mp4`, previewImageUrl: `${https}/a.jpg`, trackingId: 'has space' },
      { type: 'video', originalContentUrl: `${https}/a.mp4`, previewImageUrl: `${https}/a.jpg`, trackingId: 'x'.repeat(101) },
    ],
  },
  audio: {
    valid: [{ type: 'audio', originalContentUrl: `${https}/a.m4a`, duration: 60000 }, { type: 'audio', originalContentUrl: `${https}/a.m4a`, duration: 1 }],
    invalid: [
      { type: 'audio', originalContentUrl: `${https}/a.m4a`, duration: 0 },
      { type: 'audio', originalContentUrl: `${https}/a.m4a`, duration: 1.5 },
      { type: 'audio', originalContentUrl: 'ftp://example.com/a.m4a', duration: 1000 },
      { type: 'audio', originalContentUrl: `${https}/a.m4a` },
    ],
  },
  location: {
    valid: [
      { type: 'location', title: '東京駅', address: '東京都千代田区丸の内1丁目', latitude: 35.681236, longitude: 139.767125 },
      { type: 'location', title: 'x', address: 'y', latitude: -90, longitude: 180 },
    ],
    invalid: [
      { type: 'location', title: '', address: '東京都', latitude: 35, longitude: 139 },
      { type: 'location', title: '東京駅', address: '', latitude: 35, longitude: 139 },
      { type: 'location', title: 'あ'.repeat(101), address: '東京都', latitude: 35, longitude: 139 },
      { type: 'location', title: '東京駅', address: '東京都', latitude: 90.5, longitude: 139 },
      { type: 'location', title: '東京駅', address: '東京都', latitude: 35, longitude: -181 },
    ],
  },
  imagemap: {
    valid: [
      imagemap(),
      imagemap({ actions: [] }),
      imagemap({ actions: [{ type: 'message', text: 'クーポンを見る', area: { x: 0, y: 0, width: 520, height: 520 }, label: '左上' }] }),
      imagemap({ baseSize: { width: 1040, height: 1500 } }),
    ],
    invalid: [
      imagemap({ baseUrl: 'http://example.com/rm001' }),
      imagemap({ altText: '' }),
      imagemap({ altText: 'あ'.repeat(1501) }),
      imagemap({ baseSize: { width: 700, height: 700 } }),
      imagemap({ baseSize: { width: 1040, height: 0 } }),
      imagemap({ actions: [{ type: 'uri', linkUri: 'javascript:alert(1)', area }] }),
      imagemap({ actions: [{ type: 'uri', linkUri: `${https}/`, area: { ...area, width: 0 } }] }),
      imagemap({ actions: [{ type: 'uri', linkUri: `${https}/`, area: { ...area, x: -1 } }] }),
      imagemap({ actions: [{ type: 'message', text: '', area }] }),
      imagemap({ actions: Array.from({ length: 51 }, () => ({ type: 'message', text: 'a', area })) }),
    ],
  },
  coupon: {
    valid: [{ type: 'coupon', couponId: '01JYNW8JMQVFBNWF1APF8Z3FS7' }, { type: 'coupon', couponId: 'c1', deliveryTag: '2026_spring' }],
    invalid: [{ type: 'coupon', couponId: '' }, { type: 'coupon', couponId: 'c1', deliveryTag: 'x'.repeat(31) }],
  },
  // The kinds the composer had before: its hand-written limit rules must match LINE's schema too.
  existing: {
    valid: [
      { type: 'text', text: 'こんにちは' },
      { type: 'sticker', packageId: '446', stickerId: '1988' },
      { type: 'image', originalContentUrl: `${https}/a.jpg`, previewImageUrl: `${https}/p.jpg` },
      { type: 'template', altText: 'a', template: { type: 'confirm', text: 'OK?', actions: [{ type: 'message', label: 'はい', text: 'はい' }, { type: 'message', label: 'いいえ', text: 'いいえ' }] } },
      { type: 'video', originalContentUrl: `${https}/a.mp4`, previewImageUrl: `${https}/a.jpg`, quickReply: { items: [{ type: 'action', action: { type: 'location', label: '現在地' } }] } },
    ],
    invalid: [
      { type: 'text', text: '' },
      { type: 'text', text: 'あ'.repeat(5001) },
      { type: 'image', originalContentUrl: 'http://example.com/a.jpg', previewImageUrl: `${https}/p.jpg` },
      { type: 'template', altText: 'a', template: { type: 'confirm', text: 'OK?', actions: [{ type: 'message', label: 'はい', text: 'はい' }] } },
      { type: 'coupon', couponId: 'c1', quickReply: { items: [{ type: 'action', action: { type: 'message', label: 'x'.repeat(21), text: 'a' } }] } },
    ],
  },
};

if (hasLineReference) {
  for (const kind of ['video', 'audio', 'location', 'imagemap', 'coupon']) examples[kind]!.valid.push(readFixture(`messages/${kind}.json`));
}

/** What the editor and the publish check say: can a send holding just this message be published? */
function publishable(message: unknown): boolean {
  const graph = {
    schemaVersion: 1,
    nodes: [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: nodeKinds.trigger.defaults() },
      { id: 's', type: 'send', position: { x: 0, y: 100 }, data: { messages: [message] } },
    ],
    edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 's' }],
  };
  const parsed = parseFlowGraph(graph);
  if (!parsed.ok) return false;
  return validateFlow(parsed.graph).every((issue) => issue.nodeId !== 's');
}

let line: Awaited<ReturnType<typeof buildFakeLine>>;
beforeAll(async () => { line = await buildFakeLine(); });
afterAll(async () => { await line.app.close(); });

/** What the fake LINE server says to a push carrying it. */
async function acceptedByLine(message: unknown): Promise<boolean> {
  const response = await line.app.inject({ method: 'POST', url: '/v2/bot/message/push', headers: auth, payload: { to: alice, messages: [message] } });
  expect([200, 400]).toContain(response.statusCode);
  return response.statusCode === 200;
}

describe.each(Object.entries(examples))('%s messages', (_kind, { valid, invalid }) => {
  it.each(valid.map((m) => [JSON.stringify(m).slice(0, 120), m]))('both accept %s', async (_label, message) => {
    expect(await acceptedByLine(message)).toBe(true);
    expect(publishable(message)).toBe(true);
  });
  it.each(invalid.map((m) => [JSON.stringify(m).slice(0, 120), m]))('both refuse %s', async (_label, message) => {
    expect(await acceptedByLine(message)).toBe(false);
    expect(publishable(message)).toBe(false);
  });
});

it('names the broken rule for people, with LINE’s limit', () => {
  const parsed = parseFlowGraph({
    schemaVersion: 1,
    nodes: [{ id: 's', type: 'send', position: { x: 0, y: 0 }, data: { messages: [examples.location!.invalid[3]] } }],
    edges: [],
  });
  expect(parsed.ok).toBe(true);
  if (!parsed.ok) return;
  const issue = validateFlow(parsed.graph).find((i) => i.code === 'sendLimit');
  expect(issue?.params).toMatchObject({ rule: 'latitude', actual: 90.5, limit: '-90–90', path: '/latitude' });
});
