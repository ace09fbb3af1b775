import { Compile } from 'typebox/compile';
import { describe, expect, test } from 'vitest';
import {
  checkMessageLimits,
  impersonalRendering,
  isPersonalised,
  LINE_LIMITS,
  MessageDraft,
  renderMessages,
  truncateUtf16,
  utf16Length,
  type MessageDraft as Draft,
} from '../src/index.ts';
import { LINE_FIXTURES_MISSING, lineFixture } from './line-fixtures.ts';

const isDraft = Compile(MessageDraft);
const recipient = { displayName: '山田', fields: { plan: 'ゴールド', points: 120, empty: '' } };

describe("LINE's own example messages", () => {
  const names = ['text', 'sticker', 'image', 'template-buttons', 'template-confirm', 'flex-bubble', 'flex-carousel-container'];
  test.each(names)('%s parses as a draft and breaks no limit', async (name) => {
    const fixture = await lineFixture(`messages/${name}.json`);
    if (fixture === undefined) return console.warn(LINE_FIXTURES_MISSING);
    // The flex container fixture is the bare container; wrap it the way a send node holds it.
    const draft = name === 'flex-carousel-container' ? { type: 'flex', altText: 'alt', contents: fixture } : fixture;
    expect(isDraft.Check(draft)).toBe(true);
    expect(checkMessageLimits([draft as Draft])).toEqual([]);
  });

  test('the quick reply fixture fits', async () => {
    const fixture = (await lineFixture('messages/quickReply-items.json')) as { quickReply: unknown } | undefined;
    if (fixture === undefined) return console.warn(LINE_FIXTURES_MISSING);
    const draft = { type: 'text', text: 'hi', quickReply: fixture.quickReply };
    expect(isDraft.Check(draft)).toBe(true);
    expect(checkMessageLimits([draft as Draft])).toEqual([]);
  });
});

describe('checkMessageLimits', () => {
  const action = { type: 'message' as const, label: 'はい', text: 'はい' };
  const rules = (drafts: Draft[]) => checkMessageLimits(drafts).map((v) => `${v.messageIndex}:${v.rule}`);

  test('text length is counted in UTF-16 units', () => {
    expect(utf16Length('😀')).toBe(2);
    expect(rules([{ type: 'text', text: 'あ'.repeat(5000) }])).toEqual([]);
    expect(rules([{ type: 'text', text: 'あ'.repeat(4999) + '😀' }])).toEqual(['0:textLength']);
    expect(rules([{ type: 'text', text: '' }])).toEqual(['0:textLength']);
  });

  test('quick reply, buttons, confirm, alt text, URLs', () => {
    const items = Array.from({ length: 14 }, () => ({ type: 'action' as const, action }));
    expect(rules([{ type: 'text', text: 'x', quickReply: { items } }])).toEqual(['0:quickReplyItems']);
    const buttons = (n: number, title?: string): Draft => ({
      type: 'template',
      altText: 'alt',
      template: { type: 'buttons', text: 'choose', actions: Array.from({ length: n }, () => action), ...(title ? { title } : {}) },
    });
    expect(rules([buttons(4)])).toEqual([]);
    expect(rules([buttons(5), buttons(0)])).toEqual(['0:buttonsActions', '1:buttonsActions']);
    expect(rules([buttons(1, 't'.repeat(41))])).toEqual(['0:buttonsTitle']);
    const confirm: Draft = { type: 'template', altText: 'a'.repeat(401), template: { type: 'confirm', text: 'ok?', actions: [action] } };
    expect(rules([confirm])).toEqual(['0:altText', '0:confirmActions']);
    expect(rules([{ type: 'image', originalContentUrl: 'http://x/a.jpg', previewImageUrl: 'https://x/a.jpg' }])).toEqual(['0:imageUrl']);
    const label: Draft = { type: 'text', text: 'x', quickReply: { items: [{ type: 'action', action: { type: 'postback', label: 'l'.repeat(21), data: 'd'.repeat(301) } }] } };
    expect(rules([label])).toEqual(['0:actionLabel', '0:postbackData']);
  });

  test('flex size and carousel bubbles', () => {
    const big = { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'x'.repeat(LINE_LIMITS.flexBubbleBytes) }] } };
    expect(rules([{ type: 'flex', altText: 'alt', contents: big }])).toEqual(['0:flexSize']);
    const carousel = { type: 'carousel', contents: Array.from({ length: 13 }, () => ({ type: 'bubble' })) };
    expect(rules([{ type: 'flex', altText: 'alt', contents: carousel }])).toEqual(['0:flexCarouselBubbles']);
    expect(rules([{ type: 'flex', altText: 'alt', contents: { type: 'box' } }])).toEqual(['0:flexType']);
  });
});

describe('renderMessages', () => {
  test('fills name and field placeholders with fallbacks', () => {
    const [message] = renderMessages(
      [{ type: 'text', text: '{name}さん、{field:plan}会員（{field:points}pt）{field:empty|未登録} {field:missing|-} {other} {name|ゲスト}' }],
      recipient,
    );
    expect(message).toEqual({ type: 'text', text: '山田さん、ゴールド会員（120pt）未登録 - {other} 山田' });
    const [anonymous] = renderMessages([{ type: 'text', text: '{name|お客様}様' }], { displayName: '', fields: {} });
    expect(anonymous).toEqual({ type: 'text', text: 'お客様様' });
  });

  test('fills template and flex texts, never URLs or postback data', () => {
    const drafts: Draft[] = [
      { type: 'template', altText: '{name}さんへ', template: { type: 'confirm', text: '{name}さん参加しますか', actions: [{ type: 'postback', label: 'はい', data: 'name={name}' }, { type: 'uri', label: '詳細', uri: 'https://x/{name}' }] } },
      { type: 'flex', altText: 'alt', contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'こんにちは{name}さん' }] } } },
    ];
    expect(renderMessages(drafts, recipient)).toEqual([
      { type: 'template', altText: '山田さんへ', template: { type: 'confirm', text: '山田さん参加しますか', actions: [{ type: 'postback', label: 'はい', data: 'name={name}' }, { type: 'uri', label: '詳細', uri: 'https://x/{name}' }] } },
      { type: 'flex', altText: 'alt', contents: { type: 'bubble', body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: 'こんにちは山田さん' }] } } },
    ]);
  });

  test('truncates to LINE limits without splitting a surrogate pair and drops empty quick replies', () => {
    const long = { displayName: '😀'.repeat(3000), fields: {} };
    const [message] = renderMessages([{ type: 'text', text: '{name}', quickReply: { items: [] } }], long);
    expect(message).toEqual({ type: 'text', text: '😀'.repeat(2500) });
    expect(truncateUtf16('a😀', 2)).toBe('a');
  });

  test('isPersonalised tells impersonal sends apart', () => {
    expect(isPersonalised([{ type: 'text', text: 'セール開催中' }])).toBe(false);
    expect(isPersonalised([{ type: 'sticker', packageId: '1', stickerId: '1' }, { type: 'text', text: '{field:x|}' }])).toBe(true);
  });

  test('impersonal drafts render once, shared and frozen; personalised ones not at all', () => {
    const impersonal: Draft[] = [{ type: 'text', text: 'セール開催中' }, { type: 'sticker', packageId: '1', stickerId: '1' }];
    const shared = impersonalRendering(impersonal);
    expect(shared).toEqual(renderMessages(impersonal, recipient));
    expect(impersonalRendering(impersonal)).toBe(shared);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(impersonalRendering([{ type: 'text', text: '{name}さん、こんにちは' }])).toBeUndefined();
    expect(impersonalRendering([{ type: 'text', text: '詳しくは {link:lp}' }])).toBeUndefined();
  });
});
