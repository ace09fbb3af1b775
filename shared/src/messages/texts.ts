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
