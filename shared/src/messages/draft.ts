import { Type, type Static } from 'typebox';

// What a marketer composes in a send node: LINE message objects with placeholders still in them.
// The schema checks shape only; LINE's numeric limits live in limits.ts so that an over-long text
// is reported by the validator with a precise message instead of failing to parse.

const Label = Type.String();

export const MessageAction = Type.Object({ type: Type.Literal('message'), label: Label, text: Type.String() });
export const PostbackAction = Type.Object({
  type: Type.Literal('postback'),
  label: Label,
  data: Type.String(),
  displayText: Type.Optional(Type.String()),
});
export const UriAction = Type.Object({ type: Type.Literal('uri'), label: Label, uri: Type.String() });

/** Actions a template button may carry. */
export const TemplateAction = Type.Union([MessageAction, PostbackAction, UriAction]);
export type TemplateAction = Static<typeof TemplateAction>;

/** Quick reply buttons may also open the camera, the camera roll or the location picker. */
export const QuickReplyAction = Type.Union([
  MessageAction,
  PostbackAction,
  UriAction,
  Type.Object({ type: Type.Literal('camera'), label: Label }),
  Type.Object({ type: Type.Literal('cameraRoll'), label: Label }),
  Type.Object({ type: Type.Literal('location'), label: Label }),
]);
export type QuickReplyAction = Static<typeof QuickReplyAction>;

export const QuickReply = Type.Object({
  items: Type.Array(
    Type.Object({ type: Type.Literal('action'), imageUrl: Type.Optional(Type.String()), action: QuickReplyAction }),
  ),
});
export type QuickReply = Static<typeof QuickReply>;

const common = { quickReply: Type.Optional(QuickReply) };

/**
 * Text may hold `{name}`, `{name|fallback}`, `{field:<fieldId>}`, `{field:<fieldId>|fallback}` and
 * `{link:<linkId>}` (a tracked link); a URI action's `uri` may also be exactly one `{link:<linkId>}`.
 */
export const TextDraft = Type.Object({ type: Type.Literal('text'), text: Type.String(), ...common });
export const StickerDraft = Type.Object({
  type: Type.Literal('sticker'),
  packageId: Type.String({ minLength: 1 }),
  stickerId: Type.String({ minLength: 1 }),
  ...common,
});
export const ImageDraft = Type.Object({
  type: Type.Literal('image'),
  originalContentUrl: Type.String(),
  previewImageUrl: Type.String(),
  ...common,
});

export const ButtonsTemplate = Type.Object({
  type: Type.Literal('buttons'),
  thumbnailImageUrl: Type.Optional(Type.String()),
  title: Type.Optional(Type.String()),
  text: Type.String(),
  actions: Type.Array(TemplateAction),
});
export const ConfirmTemplate = Type.Object({
  type: Type.Literal('confirm'),
  text: Type.String(),
  actions: Type.Array(TemplateAction),
});
export const TemplateDraft = Type.Object({
  type: Type.Literal('template'),
  altText: Type.String(),
  template: Type.Union([ButtonsTemplate, ConfirmTemplate]),
  ...common,
});

/** `contents` is a flex container (bubble or carousel) as JSON; only its size and type are checked. */
export const FlexDraft = Type.Object({
  type: Type.Literal('flex'),
  altText: Type.String(),
  contents: Type.Record(Type.String(), Type.Unknown()),
  ...common,
});

// Video, audio, location, imagemap and coupon messages carry no placeholders: what is composed is
// what LINE receives, so their publish check is LINE's own message schema (check-limits.ts).
// Numbers are plain numbers here so a half-typed draft still parses and the check can say why.

export const VideoDraft = Type.Object({
  type: Type.Literal('video'),
  originalContentUrl: Type.String(),
  previewImageUrl: Type.String(),
  /** Lets LINE report who watched to the end (video viewing complete event). */
  trackingId: Type.Optional(Type.String()),
  ...common,
});
export const AudioDraft = Type.Object({
  type: Type.Literal('audio'),
  originalContentUrl: Type.String(),
  /** Milliseconds. */
  duration: Type.Number(),
  ...common,
});
export const LocationDraft = Type.Object({
  type: Type.Literal('location'),
  title: Type.String(),
  address: Type.String(),
  latitude: Type.Number(),
  longitude: Type.Number(),
  ...common,
});

export const ImagemapArea = Type.Object({ x: Type.Number(), y: Type.Number(), width: Type.Number(), height: Type.Number() });
export type ImagemapArea = Static<typeof ImagemapArea>;
export const ImagemapActionDraft = Type.Union([
  Type.Object({ type: Type.Literal('uri'), label: Type.Optional(Type.String()), linkUri: Type.String(), area: ImagemapArea }),
  Type.Object({ type: Type.Literal('message'), label: Type.Optional(Type.String()), text: Type.String(), area: ImagemapArea }),
  Type.Object({ type: Type.Literal('clipboard'), label: Type.Optional(Type.String()), clipboardText: Type.String(), area: ImagemapArea }),
]);
export type ImagemapActionDraft = Static<typeof ImagemapActionDraft>;
/** An image (served at `baseUrl/1040`, `/700`, `/460`, `/300`, `/240`) with tappable areas on a 1040-wide grid. */
export const ImagemapDraft = Type.Object({
  type: Type.Literal('imagemap'),
  baseUrl: Type.String(),
  altText: Type.String(),
  baseSize: Type.Object({ width: Type.Number(), height: Type.Number() }),
  video: Type.Optional(Type.Object({
    originalContentUrl: Type.String(),
    previewImageUrl: Type.String(),
    area: ImagemapArea,
    externalLink: Type.Optional(Type.Object({ linkUri: Type.String(), label: Type.String() })),
  })),
  actions: Type.Array(ImagemapActionDraft),
  ...common,
});
/** A LINE coupon made in LINE Official Account Manager (or the coupon API), sent by its id. */
export const CouponDraft = Type.Object({
  type: Type.Literal('coupon'),
  couponId: Type.String(),
  deliveryTag: Type.Optional(Type.String()),
  ...common,
});

export const MessageDraft = Type.Union([
  TextDraft, StickerDraft, ImageDraft, TemplateDraft, FlexDraft,
  VideoDraft, AudioDraft, LocationDraft, ImagemapDraft, CouponDraft,
]);
export type MessageDraft = Static<typeof MessageDraft>;
export type TextDraft = Static<typeof TextDraft>;
export type TemplateDraft = Static<typeof TemplateDraft>;
export type FlexDraft = Static<typeof FlexDraft>;
export type VideoDraft = Static<typeof VideoDraft>;
export type AudioDraft = Static<typeof AudioDraft>;
export type LocationDraft = Static<typeof LocationDraft>;
export type ImagemapDraft = Static<typeof ImagemapDraft>;
export type CouponDraft = Static<typeof CouponDraft>;
