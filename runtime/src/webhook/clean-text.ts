/**
 * Text that comes from LINE is stored cleaned: PostgreSQL refuses U+0000 in text and jsonb, and a
 * lone UTF-16 surrogate cannot be stored as UTF-8 at all, so one such character in a display name
 * or a message would otherwise fail the whole statement (and with it every event of its POST).
 * NUL is dropped; a lone surrogate becomes U+FFFD, as a UTF-8 decoder would show it.
 */
// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(UNSTORABLE, (found) => (found === '\u0000' ? '' : '\uFFFD'));
}

/** Every string in a parsed JSON value, keys included, cleaned; the value is copied only where needed. */
export function cleanJson<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map((item) => cleanJson(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [cleanText(key), cleanJson(item)])) as T;
  }
  return value;
}
