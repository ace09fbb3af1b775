import { randomFillSync } from 'node:crypto';

// Random bits are drawn a pool at a time: one call to the generator per 409 keys instead of one
// per key (a cohort draws two keys a friend).
const POOL_BYTES = 10 * 409;
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/**
 * A UUID version 7 (RFC 9562): the time in milliseconds, then random bits. Keys drawn in time
 * order append to the right edge of their index, where a random v4 key lands on any page: a
 * cohort inserting a thousand runs then touches a few index pages instead of a thousand.
 * The time only orders the keys; nothing reads it back. Drawn here rather than by PostgreSQL,
 * whose uuidv7() needs version 18 (the runtime runs on 16 and later).
 */
export function timeOrderedUuid(at: Date): string {
  if (used === POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(at.getTime(), 0, 6);
  pool.copy(bytes, 6, used, used + 10);
  used += 10;
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 9562 variant
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
