// `{name}`, `{name|お客様}`, `{field:<fieldId>}` and `{field:<fieldId>|fallback}`. Any other text
// in braces is left alone, so marketers never need to escape a brace.
const PLACEHOLDER = /\{(name|field:([^|{}]+))(?:\|([^{}]*))?\}/g;

export type Placeholder =
  | { kind: 'name'; fallback: string; raw: string }
  | { kind: 'field'; fieldId: string; fallback: string; raw: string };

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

function toPlaceholder(match: RegExpMatchArray): Placeholder {
  const raw = match[0];
  const fallback = match[3] ?? '';
  const fieldId = match[2];
  return fieldId === undefined ? { kind: 'name', fallback, raw } : { kind: 'field', fieldId: fieldId.trim(), fallback, raw };
}
