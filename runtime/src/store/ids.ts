import { randomBytes } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): the time in milliseconds, then random bits. Keys drawn in time
 * order append to the right edge of their index, where a random v4 key lands on any page: a
 * cohort inserting a thousand runs then touches a few index pages instead of a thousand.
 * The time only orders the keys; nothing reads it back. Drawn here rather than by PostgreSQL,
 * whose uuidv7() needs version 18 (the runtime runs on 16 and later).
 */
export function timeOrderedUuid(at: Date): string {
  const bytes = randomBytes(16);
  bytes.writeUIntBE(at.getTime(), 0, 6);
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
