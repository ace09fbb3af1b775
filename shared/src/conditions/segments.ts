import { MAX_SEGMENT_DEPTH, type SegmentResolver } from './facts.ts';
import type { Condition } from './schema.ts';

// Saved segments refer to one another by `segment` leaves. Two rules keep that sound: a segment may
// not reach itself (checked when it is saved), and a published version carries frozen copies, so
// editing a segment later changes drafts and counts but not what a published scenario does.

/** Maps every node of a condition tree bottom-up; leaves other than `segment` pass through. */
function mapSegments(c: Condition, f: (leaf: Extract<Condition, { kind: 'segment' }>) => Condition): Condition {
  switch (c.kind) {
    case 'and':
    case 'or':
      return { ...c, conditions: c.conditions.map((child) => mapSegments(child, f)) };
    case 'not':
      return { ...c, condition: mapSegments(c.condition, f) };
    case 'segment':
      return f(c);
    default:
      return c;
  }
}

/** The saved segments a condition names directly (not through others). */
export function segmentIdsIn(c: Condition): string[] {
  const found = new Set<string>();
  mapSegments(c, (leaf) => {
    found.add(leaf.segmentId);
    return leaf;
  });
  return [...found];
}

/**
 * The chain of segment ids by which `condition`, saved as `selfId`, would reach itself (or nest
 * deeper than MAX_SEGMENT_DEPTH), e.g. [A, B, A]; undefined when there is none.
 */
export function segmentCycle(selfId: string, condition: Condition, resolve: SegmentResolver): string[] | undefined {
  const walk = (c: Condition, path: string[]): string[] | undefined => {
    for (const id of segmentIdsIn(c)) {
      if (id === selfId || path.includes(id)) return [...path, id];
      if (path.length >= MAX_SEGMENT_DEPTH) return [...path, id];
      const next = resolve(id);
      const found = next && walk(next, [...path, id]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(condition, [selfId]);
}

/**
 * Every `segment` leaf with its saved condition copied in (`frozen`), recursively, as publishing
 * stores it. Unknown ids stay unfrozen (the validator reports them before publishing).
 */
export function freezeSegments(condition: Condition, resolve: SegmentResolver, path: readonly string[] = []): Condition {
  return mapSegments(condition, (leaf) => {
    if (path.includes(leaf.segmentId) || path.length >= MAX_SEGMENT_DEPTH) return { kind: 'segment', segmentId: leaf.segmentId };
    const saved = resolve(leaf.segmentId);
    if (!saved) return { kind: 'segment', segmentId: leaf.segmentId };
    return { kind: 'segment', segmentId: leaf.segmentId, frozen: freezeSegments(saved, resolve, [...path, leaf.segmentId]) };
  });
}
