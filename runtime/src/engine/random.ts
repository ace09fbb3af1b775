import { fnv1a } from '@lsb/shared';

// Random split must choose the same arm when a step is replayed (a crash between computing and
// committing a step re-runs it), so "random" is a hash of the run's seed, the node and the visit:
// a friend looping back through the same split on a later visit gets a fresh draw.

/** murmur3's finaliser: spreads FNV's weak low bits so `% total` is close to uniform. */
function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uniform-enough 32-bit draw, identical for identical inputs. */
export function drawUint32(seed: number, nodeId: string, visit: number): number {
  return mix32(fnv1a(`${nodeId}\u0000${visit}`, fnv1a(String(seed >>> 0))));
}

/**
 * The index whose weight band contains the draw, or null when every weight is 0 (nothing to pick).
 * Weights are the split's percentages; the total is used rather than 100 so a draft that does not
 * add up still splits proportionally instead of starving the last arm.
 */
export function pickWeighted(weights: readonly number[], draw: number): number | null {
  const total = weights.reduce((sum, w) => sum + Math.max(0, w), 0);
  if (total <= 0) return null;
  let point = draw % total;
  for (const [index, weight] of weights.entries()) {
    const w = Math.max(0, weight);
    if (point < w) return index;
    point -= w;
  }
  return null;
}
