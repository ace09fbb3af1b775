// LINE's limits on what a send may contain. "spec" marks numbers stated in the official OpenAPI
// spec (../shared/line/openapi/messaging-api.yml); the others are in LINE's Messaging API
// reference (developers.line.biz/en/reference/messaging-api/), which the spec does not encode.
export const LINE_LIMITS = {
  /** spec: PushMessageRequest.messages minItems 1, maxItems 5 (same for reply/multicast). */
  messagesPerSend: 5,
  /** Text message `text`: 5,000 characters, counted in UTF-16 code units. */
  textLength: 5000,
  /** spec: QuickReply.items maxItems 13. */
  quickReplyItems: 13,
  /** Action `label` on quick reply and template buttons. */
  actionLabel: 20,
  /** spec: QuickReplyItem.imageUrl maxLength 2000 (HTTPS). Image message URLs likewise. */
  imageUrl: 2000,
  /** Template message and flex message `altText`. */
  altText: 400,
  /** Buttons template: 1 to 4 actions, title 40, text 160 (60 with an image or a title). */
  buttonsActions: 4,
  buttonsTitle: 40,
  buttonsText: 160,
  buttonsTextWithHeader: 60,
  /** Confirm template: exactly 2 actions, text 240. */
  confirmActions: 2,
  confirmText: 240,
  /** spec: PostbackAction.data maxLength 300. Message action text and displayText: 300. */
  postbackData: 300,
  actionText: 300,
  /** URI action `uri`. */
  uri: 1000,
  /** Flex: a bubble's JSON at most 30 KB, a carousel's at most 50 KB and 12 bubbles. */
  flexBubbleBytes: 30 * 1024,
  flexCarouselBytes: 50 * 1024,
  flexCarouselBubbles: 12,
} as const;

export const LIMIT_RULES = [
  'textLength',
  'quickReplyItems',
  'actionLabel',
  'imageUrl',
  'altText',
  'buttonsActions',
  'buttonsTitle',
  'buttonsText',
  'confirmActions',
  'confirmText',
  'postbackData',
  'actionText',
  'uri',
  'flexType',
  'flexSize',
  'flexCarouselBubbles',
  // Judged by LINE's message schema (line-checked.ts) for video, audio, location, imagemap, coupon.
  'mediaUrl',
  'trackingId',
  'audioDuration',
  'locationText',
  'latitude',
  'longitude',
  'imagemapBaseSize',
  'imagemapArea',
  'imagemapActions',
  'couponId',
  'deliveryTag',
  'lineRule',
] as const;
export type LimitRule = (typeof LIMIT_RULES)[number];

/** One broken limit: which message (0-based), which rule, what is allowed and what was found. */
export interface LimitViolation {
  messageIndex: number;
  rule: LimitRule;
  /** What LINE allows, for people: "1–5000", "2", "https://". */
  limit: string;
  actual: string | number;
  /** JSON pointer inside the message draft. */
  path: string;
}
