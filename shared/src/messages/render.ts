import { assertNever } from '../graph/primitives.ts';
import type { MessageDraft } from './draft.ts';
import { LINE_LIMITS } from './limits.ts';
import { findPlaceholders, linkOnlyUri, replacePlaceholders, type Placeholder } from './placeholders.ts';
import { actionUris, personalisableTexts } from './texts.ts';
import { truncateUtf16 } from './utf16.ts';

/** What personalisation needs to know about the recipient. */
export interface RenderRecipient {
  displayName: string;
  /** Field values keyed by field id, as stored. */
  fields: Readonly<Record<string, unknown>>;
  /**
   * `https://<host>/l/<token>`: the friend's own click-counting address, so `{link:<id>}` renders as
   * `${clickBaseUrl}/<id>`. Plain data (the token is signed by the runtime, never here); without it a
   * link placeholder is left as written, since the link's own URL is not known here.
   */
  clickBaseUrl?: string;
}

/**
 * A LINE message object ready for push/multicast: the draft's shape with placeholders filled in.
 * Structurally compatible with @line/bot-sdk's messagingApi.Message for these types.
 */
export type LineMessage = MessageDraft;

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/**
 * Fills `{name}`, `{field:…}` (empty values take the fallback) and `{link:…}` placeholders in the
 * texts a friend reads, turns a URI action whose uri is one `{link:…}` into the friend's tracked
 * URL, truncates to LINE's text limits and drops empty quick replies. Pure and deterministic: the
 * same drafts and recipient give byte-identical messages, which the send outbox relies on for
 * retries and for grouping identical messages into one multicast.
 */
export function renderMessages(drafts: readonly MessageDraft[], recipient: RenderRecipient): LineMessage[] {
  const link = (linkId: string, raw: string) => (recipient.clickBaseUrl ? `${recipient.clickBaseUrl}/${linkId}` : raw);
  const resolve = (p: Placeholder) => {
    switch (p.kind) {
      case 'name':
        return recipient.displayName;
      case 'field':
        return fieldText(recipient.fields[p.fieldId]);
      case 'link':
        return link(p.linkId, p.raw);
      default:
        return assertNever(p);
    }
  };
  const fill = (text: string, max: number) => truncateUtf16(replacePlaceholders(text, resolve), max);
  const uri = (value: string) => {
    const linkId = linkOnlyUri(value);
    return linkId === undefined ? value : link(linkId, value);
  };
  return drafts.map((draft) => withoutEmptyQuickReply(renderOne(draft, { fill, uri })));
}

const impersonalRenderings = new WeakMap<readonly MessageDraft[], LineMessage[] | null>();

/**
 * The drafts as every recipient gets them, when they are not personalised (isPersonalised): rendered
 * once per drafts array and shared, frozen, by every send of them (a cohort's thousand friends at a
 * node render once, and their sends share one digest); undefined for personalised drafts.
 */
export function impersonalRendering(drafts: readonly MessageDraft[]): LineMessage[] | undefined {
  let rendering = impersonalRenderings.get(drafts);
  if (rendering === undefined) {
    rendering = isPersonalised(drafts) ? null : Object.freeze(renderMessages(drafts, { displayName: '', fields: {} })) as LineMessage[];
    impersonalRenderings.set(drafts, rendering);
  }
  return rendering ?? undefined;
}

/**
 * Whether any draft uses a placeholder: impersonal sends can go out as one multicast. A tracked
 * link is personal too (each friend has their own URL), whether in a text or a button's URI.
 */
export function isPersonalised(drafts: readonly MessageDraft[]): boolean {
  return drafts.some((draft) =>
    personalisableTexts(draft).some((text) => findPlaceholders(text).length > 0) ||
    actionUris(draft).some((value) => linkOnlyUri(value) !== undefined));
}

/** The tracked links the drafts use, in texts and in URI actions, each once. */
export function linkIdsOf(drafts: readonly MessageDraft[]): string[] {
  const ids = new Set<string>();
  for (const draft of drafts) {
    for (const text of personalisableTexts(draft)) for (const p of findPlaceholders(text)) if (p.kind === 'link') ids.add(p.linkId);
    for (const value of actionUris(draft)) {
      const linkId = linkOnlyUri(value);
      if (linkId !== undefined) ids.add(linkId);
    }
  }
  return [...ids];
}

interface Fill {
  fill(text: string, max: number): string;
  uri(value: string): string;
}

function renderOne(draft: MessageDraft, f: Fill): LineMessage {
  const message = renderBody(draft, f);
  if (!message.quickReply) return message;
  const items = message.quickReply.items.map((item) => (item.action.type === 'uri' ? { ...item, action: withUri(item.action, f) } : item));
  return { ...message, quickReply: { items } };
}

function withUri<A extends { type: string; uri?: string }>(action: A, f: Fill): A {
  return action.type === 'uri' && typeof action.uri === 'string' ? { ...action, uri: f.uri(action.uri) } : action;
}

function renderBody(draft: MessageDraft, f: Fill): LineMessage {
  const { fill } = f;
  switch (draft.type) {
    case 'text':
      return { ...draft, text: fill(draft.text, LINE_LIMITS.textLength) };
    case 'sticker':
    case 'image':
    case 'video':
    case 'audio':
    case 'location':
    case 'imagemap':
    case 'coupon':
      return draft;
    case 'template': {
      const t = { ...draft.template, actions: draft.template.actions.map((a) => withUri(a, f)) };
      const template =
        t.type === 'buttons'
          ? { ...t, text: fill(t.text, LINE_LIMITS.buttonsText), ...(t.title === undefined ? {} : { title: fill(t.title, LINE_LIMITS.buttonsTitle) }) }
          : { ...t, text: fill(t.text, LINE_LIMITS.confirmText) };
      return { ...draft, altText: fill(draft.altText, LINE_LIMITS.altText), template };
    }
    case 'flex':
      return { ...draft, altText: fill(draft.altText, LINE_LIMITS.altText), contents: fillFlex(draft.contents, f) as Record<string, unknown> };
    default:
      return assertNever(draft);
  }
}

function fillFlex(value: unknown, f: Fill): unknown {
  if (Array.isArray(value)) return value.map((item) => fillFlex(item, f));
  if (value === null || typeof value !== 'object') return value;
  const isUriAction = (value as Record<string, unknown>).type === 'uri';
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'text' && typeof child === 'string') out[key] = f.fill(child, LINE_LIMITS.textLength);
    else if (isUriAction && key === 'uri' && typeof child === 'string') out[key] = f.uri(child);
    else out[key] = fillFlex(child, f);
  }
  return out;
}

function withoutEmptyQuickReply(message: LineMessage): LineMessage {
  if (!message.quickReply || message.quickReply.items.length > 0) return message;
  const { quickReply: _dropped, ...rest } = message;
  return rest as LineMessage;
}
