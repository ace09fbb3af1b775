import { assertNever } from '../graph/primitives.ts';
import type { MessageDraft } from './draft.ts';
import { LINE_LIMITS } from './limits.ts';
import { findPlaceholders, replacePlaceholders, type Placeholder } from './placeholders.ts';
import { personalisableTexts } from './texts.ts';
import { truncateUtf16 } from './utf16.ts';

/** What personalisation needs to know about the recipient. */
export interface RenderRecipient {
  displayName: string;
  /** Field values keyed by field id, as stored. */
  fields: Readonly<Record<string, unknown>>;
}

/**
 * A LINE message object ready for push/multicast: the draft's shape with placeholders filled in.
 * Structurally compatible with @line/bot-sdk's messagingApi.Message for these five types.
 */
export type LineMessage = MessageDraft;

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/**
 * Fills `{name}` and `{field:…}` placeholders (empty values take the fallback) in the texts a
 * friend reads, truncates to LINE's text limits and drops empty quick replies. Pure and
 * deterministic: the same drafts and recipient give byte-identical messages, which the send
 * outbox relies on for retries and for grouping identical messages into one multicast.
 */
export function renderMessages(drafts: readonly MessageDraft[], recipient: RenderRecipient): LineMessage[] {
  const resolve = (p: Placeholder) => (p.kind === 'name' ? recipient.displayName : fieldText(recipient.fields[p.fieldId]));
  const fill = (text: string, max: number) => truncateUtf16(replacePlaceholders(text, resolve), max);
  return drafts.map((draft) => withoutEmptyQuickReply(renderOne(draft, fill)));
}

/** Whether any draft uses a placeholder: impersonal sends can go out as one multicast. */
export function isPersonalised(drafts: readonly MessageDraft[]): boolean {
  return drafts.some((draft) => personalisableTexts(draft).some((text) => findPlaceholders(text).length > 0));
}

type Fill = (text: string, max: number) => string;

function renderOne(draft: MessageDraft, fill: Fill): LineMessage {
  switch (draft.type) {
    case 'text':
      return { ...draft, text: fill(draft.text, LINE_LIMITS.textLength) };
    case 'sticker':
    case 'image':
      return draft;
    case 'template': {
      const t = draft.template;
      const template =
        t.type === 'buttons'
          ? { ...t, text: fill(t.text, LINE_LIMITS.buttonsText), ...(t.title === undefined ? {} : { title: fill(t.title, LINE_LIMITS.buttonsTitle) }) }
          : { ...t, text: fill(t.text, LINE_LIMITS.confirmText) };
      return { ...draft, altText: fill(draft.altText, LINE_LIMITS.altText), template };
    }
    case 'flex':
      return { ...draft, altText: fill(draft.altText, LINE_LIMITS.altText), contents: fillFlex(draft.contents, fill) as Record<string, unknown> };
    default:
      return assertNever(draft);
  }
}

function fillFlex(value: unknown, fill: Fill): unknown {
  if (Array.isArray(value)) return value.map((item) => fillFlex(item, fill));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = key === 'text' && typeof child === 'string' ? fill(child, LINE_LIMITS.textLength) : fillFlex(child, fill);
  }
  return out;
}

function withoutEmptyQuickReply(message: LineMessage): LineMessage {
  if (!message.quickReply || message.quickReply.items.length > 0) return message;
  const { quickReply: _dropped, ...rest } = message;
  return rest as LineMessage;
}
