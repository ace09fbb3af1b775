/** FNV-1a's 32-bit offset basis: where a hash of a text starts. */
export const FNV1A_BASIS = 0x811c_9dc5;

/**
 * FNV-1a (32 bit) over UTF-16 code units, unsigned: short, dependency-free and the same in every
 * process and release, for keys that must not move (a user's ingest lane, a node's aggregation
 * unit, a random split's draw). Continues from `hash`, so texts can be chained.
 */
export function fnv1a(text: string, hash: number = FNV1A_BASIS): number {
  let h = hash >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x0100_0193) >>> 0;
  }
  return h;
}
