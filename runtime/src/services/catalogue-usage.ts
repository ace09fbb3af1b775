import type { CatalogueUsage } from '@lsb/shared/api';

export const isUnused = (usage: CatalogueUsage) => usage.friends === 0 && usage.drafts.length === 0 && usage.published.length === 0;

/** Replaces every string equal to `from` with `to`; arrays of ids lose the duplicates this makes. */
export function replaceId(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return value === from ? to : value.replaceAll(`{field:${from}`, `{field:${to}`);
  if (Array.isArray(value)) {
    const mapped = value.map((item) => replaceId(item, from, to));
    const hadFrom = value.includes(from);
    return hadFrom ? mapped.filter((item, index) => typeof item !== 'string' || mapped.indexOf(item) === index) : mapped;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceId(item, from, to)]));
  }
  return value;
}
