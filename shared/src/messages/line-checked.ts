import { AudioMessage, CouponMessage, ImagemapMessage, LocationMessage, VideoMessage } from '../line/index.ts';
import { createLineValidator, type LineErrorDetail } from '../line/validate.ts';
import type { AudioDraft, CouponDraft, ImagemapDraft, LocationDraft, VideoDraft } from './draft.ts';
import type { LimitRule } from './limits.ts';
import { utf16Length } from './utf16.ts';

// Kinds whose publish check IS LINE's message schema — the very schema the fake LINE server
// enforces on a send request (`@lsb/shared/line`), so the editor cannot pass what LINE refuses.
// Their drafts hold no placeholders, so the draft is the message LINE receives.

export type LineCheckedDraft = VideoDraft | AudioDraft | LocationDraft | ImagemapDraft | CouponDraft;

const validators = {
  video: createLineValidator(VideoMessage),
  audio: createLineValidator(AudioMessage),
  location: createLineValidator(LocationMessage),
  imagemap: createLineValidator(ImagemapMessage),
  coupon: createLineValidator(CouponMessage),
} as const;

export interface LineRuleViolation {
  rule: LimitRule;
  limit: string;
  actual: string | number;
  /** JSON pointer inside the draft. */
  path: string;
  /** LINE's own wording, as the fake LINE server would answer it. */
  lineMessage: string;
}

/** What LINE's schema says about the draft; quick replies are left to the quick-reply rules. */
export function lineRuleViolations(draft: LineCheckedDraft): LineRuleViolation[] {
  const { quickReply: _checkedElsewhere, ...message } = draft;
  const result = validators[draft.type](message);
  return result.ok ? [] : result.details.map((detail) => toViolation(detail, message));
}

/** Names for people: which rule a LINE property falls under and what LINE allows there. */
const rules: Array<[RegExp, LimitRule, string]> = [
  [/(originalContentUrl|previewImageUrl|baseUrl)$/, 'mediaUrl', 'https:// ≤2000'],
  [/trackingId$/, 'trackingId', 'A–Z a–z 0–9 -._@+=# 1–100'],
  [/duration$/, 'audioDuration', '≥1 ms'],
  [/^(title|address)$/, 'locationText', '1–100'],
  [/^latitude$/, 'latitude', '−90–90'],
  [/^longitude$/, 'longitude', '−180–180'],
  [/^altText$/, 'altText', '1–1500'],
  [/^baseSize/, 'imagemapBaseSize', '1040 × ≥1'],
  [/area(\.|$)/, 'imagemapArea', 'x, y ≥0; width, height ≥1'],
  [/^actions$/, 'imagemapActions', '≤50'],
  [/linkUri$/, 'uri', 'http(s)://… ≤1000'],
  [/label$/, 'actionLabel', '1–100'],
  [/clipboardText$/, 'actionText', '1–1000'],
  [/text$/, 'actionText', '1–400'],
  [/^couponId$/, 'couponId', '≥1'],
  [/^deliveryTag$/, 'deliveryTag', '≤30'],
];

function toViolation(detail: LineErrorDetail, message: object): LineRuleViolation {
  const property = detail.property ?? '';
  const lineMessage = detail.message ?? 'Invalid value';
  const found = rules.find(([pattern]) => pattern.test(property));
  const between = /between (\S+) and (\S+)/.exec(lineMessage);
  const limit = between ? `${between[1]}–${between[2]}` : found?.[2] ?? lineMessage;
  return { rule: found?.[1] ?? 'lineRule', limit, actual: describeValue(valueAt(message, property)), path: toPointer(property), lineMessage };
}

/** `actions[0].area.x` → `/actions/0/area/x`. */
export function toPointer(property: string): string {
  const segments = property.replace(/\[(\d+)\]/g, '.$1').split('.').filter((s) => s !== '');
  return segments.length === 0 ? '' : `/${segments.join('/')}`;
}

function valueAt(root: unknown, property: string): unknown {
  let node = root;
  for (const segment of toPointer(property).split('/').filter((s) => s !== '')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function describeValue(value: unknown): string | number {
  if (typeof value === 'string') return utf16Length(value);
  if (typeof value === 'number') return value;
  if (value === undefined) return '—';
  return Array.isArray(value) ? value.length : typeof value;
}
