import { describe, expect, it } from 'vitest';
import { chatItems } from '../src/simulator/chatItems.ts';
import { readMessage } from '../src/simulator/lineMessage.ts';
import { channelBody, validateChannel } from '../src/channels/validateChannel.ts';

describe('reading LINE messages from the fake inbox', () => {
  it.each([
    ['text with quick replies', { type: 'text', text: 'こんにちは', quickReply: { items: [{ type: 'action', action: { type: 'postback', label: 'はい', data: 'yes' } }] } },
      { kind: 'text', text: 'こんにちは', quickReply: [{ kind: 'postback', label: 'はい', data: 'yes' }] }],
    ['sticker', { type: 'sticker', packageId: '446', stickerId: '1988' }, { kind: 'sticker', packageId: '446', stickerId: '1988', quickReply: [] }],
    ['image, preview first', { type: 'image', originalContentUrl: 'https://x/o.png', previewImageUrl: 'https://x/p.png' }, { kind: 'image', url: 'https://x/p.png', quickReply: [] }],
    ['unknown type', { type: 'textV2', text: 'x' }, { kind: 'other', type: 'textV2', quickReply: [] }],
    ['video', { type: 'video', originalContentUrl: 'https://x/v.mp4', previewImageUrl: 'https://x/v.jpg' }, { kind: 'video', previewImageUrl: 'https://x/v.jpg', quickReply: [] }],
    ['audio, length missing', { type: 'audio', originalContentUrl: 'https://x/a.m4a' }, { kind: 'audio', duration: 0, quickReply: [] }],
    ['location', { type: 'location', title: '渋谷店', address: '渋谷', latitude: 35.6, longitude: 139.7 },
      { kind: 'location', title: '渋谷店', address: '渋谷', latitude: 35.6, longitude: 139.7, quickReply: [] }],
    ['coupon', { type: 'coupon', couponId: 'c1' }, { kind: 'coupon', couponId: 'c1', quickReply: [] }],
    ['imagemap: areas become tappable actions, broken areas are dropped', {
      type: 'imagemap', baseUrl: 'https://x/rm', altText: 'メニュー', baseSize: { width: 1040, height: 520 },
      actions: [
        { type: 'uri', linkUri: 'https://x/shop', area: { x: 0, y: 0, width: 520, height: 520 } },
        { type: 'message', text: '予約', label: '予約する', area: { x: 520, y: 0, width: 520, height: 520 } },
        { type: 'message', text: 'no area' },
      ],
    }, {
      kind: 'imagemap', quickReply: [],
      imagemap: { baseUrl: 'https://x/rm', altText: 'メニュー', baseSize: { width: 1040, height: 520 }, actions: [
        { type: 'uri', linkUri: 'https://x/shop', area: { x: 0, y: 0, width: 520, height: 520 } },
        { type: 'message', text: '予約', label: '予約する', area: { x: 520, y: 0, width: 520, height: 520 } },
      ] },
      areaActions: [{ kind: 'uri', label: '1', uri: 'https://x/shop' }, { kind: 'message', label: '予約する', text: '予約' }],
    }],
    ['not an object', 'text', { kind: 'other', type: 'string', quickReply: [] }],
  ])('%s', (_name, input, expected) => {
    expect(readMessage(input)).toEqual(expected);
  });

  it('reads buttons, confirm and carousel templates with their actions', () => {
    const buttons = readMessage({
      type: 'template', altText: 'クーポン',
      template: { type: 'buttons', title: '特典', text: '受け取りますか', actions: [
        { type: 'postback', label: '受け取る', data: 'coupon=yes', displayText: '受け取ります' },
        { type: 'uri', label: '詳細', uri: 'https://example.com' },
        { type: 'message', label: 'いいえ', text: 'いりません' },
        { type: 'datetimepicker', label: '日時', data: 'd', mode: 'date' },
      ] },
    });
    expect(buttons).toEqual({
      kind: 'cards', altText: 'クーポン', layout: 'buttons', quickReply: [],
      cards: [{ title: '特典', text: '受け取りますか', actions: [
        { kind: 'postback', label: '受け取る', data: 'coupon=yes', displayText: '受け取ります' },
        { kind: 'uri', label: '詳細', uri: 'https://example.com' },
        { kind: 'message', label: 'いいえ', text: 'いりません' },
        { kind: 'other', label: '日時', type: 'datetimepicker' },
      ] }],
    });
    const carousel = readMessage({ type: 'template', altText: 'a', template: { type: 'carousel', columns: [{ text: '1', actions: [] }, { text: '2', actions: [] }, 'junk'] } });
    expect(carousel).toMatchObject({ layout: 'carousel', cards: [{ text: '1' }, { text: '2' }] });
    expect(readMessage({ type: 'template', template: { type: 'confirm', text: 'ok?', actions: [] } })).toMatchObject({ layout: 'confirm' });
  });

  it('finds texts and tappable actions anywhere in a Flex message', () => {
    const flex = readMessage({
      type: 'flex', altText: 'メニュー',
      contents: { type: 'bubble', body: { type: 'box', contents: [{ type: 'text', text: '本日のおすすめ' }] },
        footer: { type: 'box', contents: [{ type: 'button', action: { type: 'postback', label: '予約', data: 'reserve' } }] } },
    });
    expect(flex).toEqual({ kind: 'flex', altText: 'メニュー', lines: ['本日のおすすめ'], actions: [{ kind: 'postback', label: '予約', data: 'reserve' }], quickReply: [] });
  });
});

describe('the simulated chat', () => {
  it('puts deliveries and the friend’s own actions in time order, oldest first', () => {
    const items = chatItems(
      [
        { at: '2026-01-01T00:00:01.000Z', messages: [{ type: 'text', text: 'ようこそ' }] },
        { at: '2026-01-01T00:00:05.000Z', messages: [{ type: 'text', text: 'クーポン' }, { type: 'text', text: '2通目' }] },
      ],
      // The timeline arrives newest first, as the runtime returns it.
      [
        { kind: 'blocked', detail: {}, at: '2026-01-01T00:00:06.000Z' },
        { kind: 'postback_received', detail: { data: 'buy' }, at: '2026-01-01T00:00:03.000Z' },
        { kind: 'message_received', detail: { text: 'こんにちは' }, at: '2026-01-01T00:00:02.000Z' },
        { kind: 'tag_added', detail: { tagId: 't' }, at: '2026-01-01T00:00:02.500Z' },
        { kind: 'followed', detail: {}, at: '2026-01-01T00:00:00.000Z' },
      ],
    );
    expect(items.map((i) => (i.side === 'bot' ? (i.message.kind === 'text' ? i.message.text : '?') : i.side === 'event' ? i.event : 'text' in i ? i.text : `pb:${i.postback}`)))
      .toEqual(['followed', 'ようこそ', 'こんにちは', 'pb:buy', 'クーポン', '2通目', 'blocked']);
    expect(new Set(items.map((i) => i.key)).size).toBe(items.length);
  });
});

describe('channel credentials', () => {
  const good = { name: '渋谷店', lineChannelId: '1234567890', channelSecret: '0123456789abcdef0123456789abcdef', channelAccessToken: 'a'.repeat(172) };

  it('accepts what the LINE console hands out, trimming pasted whitespace', () => {
    const pasted = { ...good, lineChannelId: ' 1234567890 ', channelSecret: `${good.channelSecret}\n`, channelAccessToken: ` ${good.channelAccessToken}\n` };
    expect(validateChannel(pasted)).toEqual({});
    expect(channelBody(pasted)).toEqual(good);
  });

  it.each([
    ['name', { name: '  ' }, { name: { key: 'nameRequired' } }],
    ['channel ID with letters', { lineChannelId: '12ab34' }, { lineChannelId: { key: 'channelId' } }],
    ['channel ID too short', { lineChannelId: '12345' }, { lineChannelId: { key: 'channelId' } }],
    ['secret of the wrong length', { channelSecret: 'abc' }, { channelSecret: { key: 'secretLength', params: { length: 3 } } }],
    ['secret with upper case', { channelSecret: '0123456789ABCDEF0123456789abcdef' }, { channelSecret: { key: 'secretChars' } }],
    ['token too short', { channelAccessToken: 'abc' }, { channelAccessToken: { key: 'tokenShort' } }],
    ['token too long', { channelAccessToken: 'a'.repeat(1001) }, { channelAccessToken: { key: 'tokenLong' } }],
    ['token with a space inside', { channelAccessToken: `${'a'.repeat(30)} ${'b'.repeat(30)}` }, { channelAccessToken: { key: 'tokenSpaces' } }],
  ])('refuses a %s with a message that says how to fix it', (_name, change, expected) => {
    expect(validateChannel({ ...good, ...change })).toEqual(expected);
  });
});
