import { describe, expect, it } from 'vitest';
import { createLineValidator, Message, validateSendRequest, type LineValidation } from '../../src/line/schemas/index.ts';

/** Requests real LINE refuses must be refused by our schemas too, with LINE's kind of detail. */

const text = (value = 'hello') => ({ type: 'text', text: value });
const userId = 'U4af4980629a1b2c3d4e5f60718293a4b';
const push = (overrides: Record<string, unknown> = {}) => ({ to: userId, messages: [text()], ...overrides });
const validateMessage = createLineValidator(Message);

function detailsOf(result: LineValidation<unknown>) {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.details;
}

describe('request envelopes', () => {
  it('refuses six messages', () => {
    expect(detailsOf(validateSendRequest.push(push({ messages: Array.from({ length: 6 }, () => text()) }))))
      .toEqual([{ property: 'messages', message: 'Size must be between 1 and 5' }]);
  });

  it('refuses no messages', () => {
    expect(detailsOf(validateSendRequest.push(push({ messages: [] }))))
      .toEqual([{ property: 'messages', message: 'Size must be between 1 and 5' }]);
  });

  it('refuses a push without `to`', () => {
    expect(detailsOf(validateSendRequest.push({ messages: [text()] })))
      .toEqual([{ property: 'to', message: 'May not be empty' }]);
  });

  it('refuses 501 multicast recipients and accepts 500', () => {
    const to = (count: number) => Array.from({ length: count }, () => userId);
    expect(detailsOf(validateSendRequest.multicast({ to: to(501), messages: [text()] })))
      .toEqual([{ property: 'to', message: 'Size must be between 1 and 500' }]);
    expect(validateSendRequest.multicast({ to: to(500), messages: [text()] }).ok).toBe(true);
  });

  it('refuses a multicast to nobody', () => {
    expect(validateSendRequest.multicast({ to: [], messages: [text()] }).ok).toBe(false);
  });

  it('refuses a reply without a reply token', () => {
    expect(detailsOf(validateSendRequest.reply({ messages: [text()] })))
      .toEqual([{ property: 'replyToken', message: 'May not be empty' }]);
  });

  it('refuses a malformed aggregation unit and more than one', () => {
    expect(validateSendRequest.push(push({ customAggregationUnits: ['bad unit!'] })).ok).toBe(false);
    expect(validateSendRequest.push(push({ customAggregationUnits: ['a', 'b'] })).ok).toBe(false);
    expect(validateSendRequest.push(push({ customAggregationUnits: ['spring_sale_2026'] })).ok).toBe(true);
  });

  it('refuses a non-boolean notificationDisabled', () => {
    expect(detailsOf(validateSendRequest.push(push({ notificationDisabled: 'yes' }))))
      .toEqual([{ property: 'notificationDisabled', message: 'Must be a boolean' }]);
  });

  it('refuses narrowcast trees that do not hold together', () => {
    const messages = [text()];
    expect(validateSendRequest.narrowcast({ messages, recipient: { type: 'operator', and: [] } }).ok).toBe(false);
    expect(validateSendRequest.narrowcast({ messages, recipient: { type: 'audience' } }).ok).toBe(false);
    expect(validateSendRequest.narrowcast({ messages, filter: { demographic: { type: 'age', gte: 'age_99' } } }).ok).toBe(false);
    expect(validateSendRequest.narrowcast({ messages, limit: { forbidPartialDelivery: true } }).ok).toBe(false);
  });

  it('reports each broken message with its index, like LINE', () => {
    expect(detailsOf(validateSendRequest.push(push({ messages: [text(''), { type: 'carrier-pigeon' }] })))).toEqual([
      { property: 'messages[0].text', message: 'May not be empty' },
      {
        property: 'messages[1].type',
        message: 'Must be one of the following values: [text, textV2, sticker, image, video, audio, location, imagemap, template, flex, coupon]',
      },
    ]);
  });
});

describe('message objects', () => {
  it('counts text length in UTF-16 units: 5,000 pass, 5,001 fail', () => {
    expect(validateMessage(text('a'.repeat(5000))).ok).toBe(true);
    expect(detailsOf(validateMessage(text('a'.repeat(5001)))))
      .toEqual([{ property: 'text', message: 'Length must be between 1 and 5000' }]);
    // 2,501 emoji are 2,501 code points but 5,002 UTF-16 units.
    expect(validateMessage(text('😀'.repeat(2501))).ok).toBe(false);
  });

  it('refuses 14 quick-reply items and accepts 13', () => {
    const item = { type: 'action', action: { type: 'message', label: 'Yes', text: 'yes' } };
    const withItems = (count: number) => ({ ...text(), quickReply: { items: Array.from({ length: count }, () => item) } });
    expect(validateMessage(withItems(13)).ok).toBe(true);
    expect(detailsOf(validateMessage(withItems(14))))
      .toEqual([{ property: 'quickReply.items', message: 'Size must be between 1 and 13' }]);
  });

  it('requires a label on quick-reply actions', () => {
    const message = { ...text(), quickReply: { items: [{ type: 'action', action: { type: 'camera' } }] } };
    expect(detailsOf(validateMessage(message)))
      .toEqual([{ property: 'quickReply.items[0].action', message: 'A quick reply action must have a label' }]);
  });

  it('refuses an emoji index that does not point to a $', () => {
    const message = { type: 'text', text: 'hi $', emojis: [{ index: 0, productId: 'p', emojiId: '001' }] };
    expect(validateMessage(message).ok).toBe(false);
    expect(validateMessage({ ...message, emojis: [{ index: 3, productId: 'p', emojiId: '001' }] }).ok).toBe(true);
  });

  it('refuses a textV2 substitution key missing from the text', () => {
    const message = { type: 'textV2', text: 'hi', substitution: { name: { type: 'mention', mentionee: { type: 'all' } } } };
    expect(validateMessage(message).ok).toBe(false);
  });

  it('refuses non-HTTPS media and over-long URLs', () => {
    const image = (url: string) => ({ type: 'image', originalContentUrl: url, previewImageUrl: 'https://example.com/p.jpg' });
    expect(detailsOf(validateMessage(image('http://example.com/a.jpg'))))
      .toEqual([{ property: 'originalContentUrl', message: 'Must be an HTTPS URL of at most 2000 characters' }]);
    expect(validateMessage(image(`https://example.com/${'a'.repeat(2000)}`)).ok).toBe(false);
  });

  it('points into nested actions by their own kind', () => {
    const buttons = {
      type: 'template',
      altText: 'menu',
      template: { type: 'buttons', text: 'Choose', actions: [{ type: 'postback', label: 'x'.repeat(21), data: 'a=1' }] },
    };
    expect(detailsOf(validateMessage(buttons)))
      .toEqual([{ property: 'template.actions[0].label', message: 'Length must be between 1 and 20' }]);
  });

  it('refuses unknown action and template kinds', () => {
    const confirm = (action: unknown) => ({
      type: 'template', altText: 'ok?', template: { type: 'confirm', text: 'Sure?', actions: [action, action] },
    });
    expect(detailsOf(validateMessage(confirm({ type: 'teleport', label: 'Go' })))[0]).toMatchObject({
      property: 'template.actions[0].type',
    });
    expect(validateMessage({ type: 'template', altText: 'x', template: { type: 'list' } }).ok).toBe(false);
  });

  it('holds templates to their counts', () => {
    const action = { type: 'message', label: 'Yes', text: 'yes' };
    const confirm = (actions: unknown[]) => ({ type: 'template', altText: 'ok?', template: { type: 'confirm', text: 'Sure?', actions } });
    expect(validateMessage(confirm([action])).ok).toBe(false);
    const column = (actions: unknown[]) => ({ text: 'col', actions });
    const carousel = (columns: unknown[]) => ({ type: 'template', altText: 'c', template: { type: 'carousel', columns } });
    expect(validateMessage(carousel([column([action]), column([action])])).ok).toBe(true);
    expect(validateMessage(carousel([column([action]), column([action, action])])).ok).toBe(false);
    expect(validateMessage(carousel(Array.from({ length: 11 }, () => column([action])))).ok).toBe(false);
  });

  it('holds flex to its container shape and size', () => {
    const bubble = (body: unknown) => ({ type: 'bubble', body });
    const flex = (contents: unknown) => ({ type: 'flex', altText: 'flex', contents });
    const box = (contents: unknown[]) => ({ type: 'box', layout: 'vertical', contents });
    expect(validateMessage(flex(bubble(box([{ type: 'text', text: 'hi' }])))).ok).toBe(true);
    expect(validateMessage(flex(bubble(box([{ type: 'marquee' }])))).ok).toBe(false);
    expect(validateMessage(flex(bubble(box([{ type: 'text', text: 'x'.repeat(31 * 1024) }])))).ok).toBe(false);
    expect(validateMessage(flex({ type: 'carousel', contents: Array.from({ length: 13 }, () => bubble(box([]))) })).ok).toBe(false);
  });

  it('holds imagemaps to a 1040-pixel base width', () => {
    const imagemap = {
      type: 'imagemap', baseUrl: 'https://example.com/rm', altText: 'map', baseSize: { width: 700, height: 700 }, actions: [],
    };
    expect(detailsOf(validateMessage(imagemap)))
      .toEqual([{ property: 'baseSize.width', message: 'Must be one of the following values: [1040]' }]);
  });

  it('refuses a sender name over 20 characters', () => {
    expect(validateMessage({ ...text(), sender: { name: 'x'.repeat(21) } }).ok).toBe(false);
  });

  it('refuses a message that is not an object', () => {
    expect(validateSendRequest.push(push({ messages: ['hello'] })).ok).toBe(false);
  });
});
