import { Type, type Static } from 'typebox';
import { messageCommon } from './common-message.ts';
import { HttpsUrl, Text, Utf16Text, Variant, WithRule } from './common.ts';

/** Text, sticker, media, location and coupon messages. */

const quoteToken = Type.Optional(Type.String({ minLength: 1 }));

export const Emoji = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  productId: Type.String({ minLength: 1 }),
  emojiId: Type.String({ minLength: 1 }),
});

export const TextMessage = WithRule(
  Variant('text', {
    ...messageCommon,
    text: Utf16Text({ max: 5000 }),
    emojis: Type.Optional(Type.Array(Emoji, { maxItems: 20 })),
    quoteToken,
  }),
  // Each LINE emoji replaces a `$` placeholder at its index (counted in UTF-16 units).
  (message) => (message.emojis ?? []).every((emoji) => message.text[emoji.index] === '$'),
  'Each emojis[].index must point to a $ in text',
);
export type TextMessage = Static<typeof TextMessage>;

const MentionSubstitution = Variant('mention', {
  mentionee: Type.Union([
    Variant('user', { userId: Type.String({ minLength: 1 }) }),
    Variant('all', {}),
  ]),
});
const EmojiSubstitution = Variant('emoji', {
  productId: Type.String({ minLength: 1 }),
  emojiId: Type.String({ minLength: 1 }),
});

/** Substitution keys are what appears between braces in text. */
const substitutionKey = '^[a-zA-Z0-9_]{1,20}$';

export const TextV2Message = WithRule(
  Variant('textV2', {
    ...messageCommon,
    text: Utf16Text({ max: 5000 }),
    substitution: Type.Optional(Type.Record(
      Type.String({ pattern: substitutionKey }),
      Type.Union([MentionSubstitution, EmojiSubstitution]),
      { maxProperties: 100 },
    )),
    quoteToken,
  }),
  (message) => Object.keys(message.substitution ?? {}).every((key) => message.text.includes(`{${key}}`)),
  'Every substitution key must appear in text as {key}',
);
export type TextV2Message = Static<typeof TextV2Message>;

export const StickerMessage = Variant('sticker', {
  ...messageCommon,
  packageId: Type.String({ minLength: 1 }),
  stickerId: Type.String({ minLength: 1 }),
  quoteToken,
});

export const ImageMessage = Variant('image', {
  ...messageCommon,
  originalContentUrl: HttpsUrl,
  previewImageUrl: HttpsUrl,
});

export const VideoMessage = Variant('video', {
  ...messageCommon,
  originalContentUrl: HttpsUrl,
  previewImageUrl: HttpsUrl,
  trackingId: Type.Optional(Type.String({ pattern: '^[a-zA-Z0-9\\-._@+=#]{1,100}$', lineMessage: 'Invalid trackingId' })),
});

export const AudioMessage = Variant('audio', {
  ...messageCommon,
  originalContentUrl: HttpsUrl,
  /** Milliseconds. */
  duration: Type.Integer({ minimum: 1 }),
});

export const LocationMessage = Variant('location', {
  ...messageCommon,
  title: Text(100),
  address: Text(100),
  latitude: Type.Number({ minimum: -90, maximum: 90 }),
  longitude: Type.Number({ minimum: -180, maximum: 180 }),
});

export const CouponMessage = Variant('coupon', {
  ...messageCommon,
  couponId: Type.String({ minLength: 1 }),
  deliveryTag: Type.Optional(Text(30)),
});
