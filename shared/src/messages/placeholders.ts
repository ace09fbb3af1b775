// `{name}`, `{name|お客様}`, `{field:<fieldId>}`, `{field:<fieldId>|fallback}` and `{link:<linkId>}`
// (a tracked link: each friend gets their own click-counting URL). Any other text in braces is
// left alone, so marketers never need to escape a brace.
const PLACEHOLDER = /\{(name|field:([^|{}]+)|link:([^|{}]+))(?:\|([^{}]*))?\}/g;
const LINK_ONLY = /^\{link:([^|{}]+)\}$/;

export type Placeholder =
  | { kind: 'name'; fallback: string; raw: string }
  | { kind: 'field'; fieldId: string; fallback: string; raw: string }
  | { kind: 'link'; linkId: string; fallback: string; raw: string };

export function findPlaceholders(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const match of text.matchAll(PLACEHOLDER)) found.push(toPlaceholder(match));
  return found;
}

/** Replaces each placeholder with `resolve(placeholder)`; an empty resolution uses the fallback. */
export function replacePlaceholders(text: string, resolve: (p: Placeholder) => string): string {
  return text.replace(PLACEHOLDER, (...args: unknown[]) => {
    const match = args as unknown as RegExpMatchArray;
    const placeholder = toPlaceholder(match);
    const value = resolve(placeholder);
    return value === '' ? placeholder.fallback : value;
  });
}

/** The link id when a whole URI is one `{link:…}` placeholder (a button that opens a tracked link). */
export function linkOnlyUri(uri: string): string | undefined {
  return LINK_ONLY.exec(uri)?.[1]?.trim();
}

/** `{link:<linkId>}`, as the composer inserts it. */
export function linkPlaceholder(linkId: string): string {
  return `{link:${linkId}}`;
}

function toPlaceholder(match: RegExpMatchArray): Placeholder {
  const raw = match[0];
  const fallback = match[4] ?? '';
  const fieldId = match[2];
  const linkId = match[3];
  if (fieldId !== undefined) return { kind: 'field', fieldId: fieldId.trim(), fallback, raw };
  if (linkId !== undefined) return { kind: 'link', linkId: linkId.trim(), fallback, raw };
  return { kind: 'name', fallback, raw };
}
