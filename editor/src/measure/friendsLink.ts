import type { Condition } from '../flow/language.ts';
import { paths } from '../routing/router.ts';

/** The friends page filtered by a condition (a cross-analysis cell, an RFM band), with words saying where it came from. */
export function friendsFilteredBy(ws: string, condition: unknown, label: string): string {
  const query = new URLSearchParams({ condition: JSON.stringify(condition), label });
  return `${paths.friends(ws)}?${query.toString()}`;
}

/** The condition and label a link above put into the address, if any (parsed, never trusted: the condition editor and the runtime check it). */
export function filterFromAddress(search: string): { condition: Condition; label: string } | undefined {
  const query = new URLSearchParams(search);
  const raw = query.get('condition');
  if (!raw) return undefined;
  try {
    const condition = JSON.parse(raw) as unknown;
    if (typeof condition !== 'object' || condition === null || typeof (condition as { kind?: unknown }).kind !== 'string') return undefined;
    return { condition: condition as Condition, label: query.get('label') ?? '' };
  } catch {
    return undefined;
  }
}
