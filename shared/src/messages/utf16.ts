/** Length as LINE counts text: UTF-16 code units (an emoji outside the BMP counts 2). */
export function utf16Length(text: string): number {
  return text.length;
}

/** At most `max` UTF-16 units, never cutting a surrogate pair in half. */
export function truncateUtf16(text: string, max: number): string {
  if (text.length <= max) return text;
  const last = text.charCodeAt(max - 1);
  const cut = last >= 0xd800 && last <= 0xdbff ? max - 1 : max;
  return text.slice(0, cut);
}

const encoder = new TextEncoder();

/** Size of a value's JSON in UTF-8 bytes, as LINE measures flex containers. */
export function jsonByteLength(value: unknown): number {
  return encoder.encode(JSON.stringify(value) ?? '').length;
}
