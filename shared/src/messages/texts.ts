import { assertNever } from '../graph/primitives.ts';
import type { MessageDraft } from './draft.ts';

/**
 * Where placeholders are substituted: the visible texts a friend reads. URLs, postback data and
 * sticker ids are never personalised, so a rendered message is always well-formed.
 */
export function personalisableTexts(message: MessageDraft): string[] {
  switch (message.type) {
    case 'text':
      return [message.text];
    case 'template':
      return [message.altText, message.template.text, ...(message.template.type === 'buttons' && message.template.title ? [message.template.title] : [])];
    case 'flex':
      return [message.altText, ...flexTexts(message.contents)];
    case 'sticker':
    case 'image':
    case 'video':
    case 'audio':
    case 'location':
    case 'imagemap':
    case 'coupon':
      return [];
    default:
      return assertNever(message);
  }
}

/** The `text` of every flex text and span component, found anywhere in the container. */
export function flexTexts(node: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'text' && typeof child === 'string') found.push(child);
        else visit(child);
      }
    }
  };
  visit(node);
  return found;
}

/**
 * The `uri` of every URI action (template buttons, quick replies, flex actions). These are never
 * personalised, except that a tracked link (`{link:…}`) becomes the friend's own click URL.
 */
export function actionUris(message: MessageDraft): string[] {
  const quick = (message.quickReply?.items ?? []).flatMap((item) => (item.action.type === 'uri' ? [item.action.uri] : []));
  switch (message.type) {
    case 'template':
      return [...message.template.actions.flatMap((a) => (a.type === 'uri' ? [a.uri] : [])), ...quick];
    case 'flex':
      return [...flexUris(message.contents), ...quick];
    case 'text':
    case 'sticker':
    case 'image':
    case 'video':
    case 'audio':
    case 'location':
    case 'imagemap':
    case 'coupon':
      return quick;
    default:
      return assertNever(message);
  }
}

/** The `uri` of every flex uri action, found anywhere in the container. */
export function flexUris(node: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
    } else if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (record.type === 'uri' && typeof record.uri === 'string') found.push(record.uri);
      for (const child of Object.values(record)) visit(child);
    }
  };
  visit(node);
  return found;
}
