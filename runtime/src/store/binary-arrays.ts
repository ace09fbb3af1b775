/**
 * Array parameters in PostgreSQL's binary format (what `array_send` writes and `array_recv` reads),
 * for the arrays a batch sends most: its ids and its runs' states. As text, PostgreSQL tokenised
 * every element of a literal and parsed every uuid from its hex (array_in and uuid_in were 8 % of
 * its time in a million-friend cohort); binary elements are copied as they are. The driver sends a
 * Buffer parameter in binary, and the statement's cast (`$1::uuid[]`) tells PostgreSQL its type.
 */

const UUID_OID = 2950;
const JSONB_OID = 3802;
/** The only version of jsonb's binary format: a version byte, then the JSON text. */
const JSONB_VERSION = 1;
const HEADER_BYTES = 20;

/** Hex digit values by character code; -1 for anything else. */
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX[48 + i] = i;
for (let i = 0; i < 6; i++) {
  HEX[65 + i] = 10 + i;
  HEX[97 + i] = 10 + i;
}
/** Where each of a uuid's 16 bytes starts in its canonical text (8-4-4-4-12 hex digits). */
const BYTE_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * `uuid[]` in binary, or undefined if a value is not a uuid in its canonical text: PostgreSQL also
 * reads other spellings (braces, no hyphens), and rejects what is no uuid with its own error, so
 * such a list is left to it as text.
 */
export function binaryUuidArray(values: ReadonlyArray<string | null | undefined>): Buffer | undefined {
  let nulls = 0;
  for (const value of values) if (value === null || value === undefined) nulls++;
  const out = Buffer.allocUnsafe(HEADER_BYTES + values.length * 4 + (values.length - nulls) * 16);
  let at = writeHeader(out, values.length, nulls > 0, UUID_OID);
  for (const value of values) {
    if (value === null || value === undefined) {
      at = out.writeInt32BE(-1, at);
      continue;
    }
    if (value.length !== 36 || value.charCodeAt(8) !== 45 || value.charCodeAt(13) !== 45 || value.charCodeAt(18) !== 45 || value.charCodeAt(23) !== 45) return undefined;
    at = out.writeInt32BE(16, at);
    for (const start of BYTE_AT) {
      const high = HEX[value.charCodeAt(start)] ?? -1;
      const low = HEX[value.charCodeAt(start + 1)] ?? -1;
      if (high < 0 || low < 0) return undefined;
      out[at++] = (high << 4) | low;
    }
  }
  return at === out.length ? out : out.subarray(0, at);
}

/** `jsonb[]` in binary, from each element's JSON text (null for SQL NULL). PostgreSQL still parses each text as JSON. */
export function binaryJsonbArray(texts: ReadonlyArray<string | null>): Buffer {
  let nulls = 0;
  let bound = HEADER_BYTES;
  for (const text of texts) {
    if (text === null) nulls++;
    // A UTF-16 code unit is at most 3 bytes of UTF-8.
    bound += 5 + (text === null ? 0 : text.length * 3);
  }
  const out = Buffer.allocUnsafe(bound);
  let at = writeHeader(out, texts.length, nulls > 0, JSONB_OID);
  for (const text of texts) {
    if (text === null) {
      at = out.writeInt32BE(-1, at);
      continue;
    }
    const written = out.write(text, at + 5, 'utf8');
    out.writeInt32BE(written + 1, at);
    out[at + 4] = JSONB_VERSION;
    at += 5 + written;
  }
  return out.subarray(0, at);
}

/** One dimension of `length` elements from 1; an empty array has no dimension. Returns where elements start. */
function writeHeader(out: Buffer, length: number, hasNulls: boolean, elementOid: number): number {
  out.writeInt32BE(length === 0 ? 0 : 1, 0);
  out.writeInt32BE(hasNulls ? 1 : 0, 4);
  out.writeInt32BE(elementOid, 8);
  if (length === 0) return 12;
  out.writeInt32BE(length, 12);
  out.writeInt32BE(1, 16);
  return HEADER_BYTES;
}
