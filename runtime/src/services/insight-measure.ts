import type { InsightMeasure } from '@lsb/shared/api';
import type { InsightUnitRow } from '../store/insight.ts';

type Figures = Pick<InsightMeasure, 'uniqueImpression' | 'uniqueClick' | 'impression'>;
const num = (v: string | number | null) => (v === null ? null : Number(v));

/** One unit's figures as the canvas, the analytics page and a broadcast's results show them. */
export function toInsight(row: InsightUnitRow): InsightMeasure {
  const figures: Figures = { uniqueImpression: num(row.unique_impression), uniqueClick: num(row.unique_click), impression: num(row.impression) };
  const fetchedAt = row.fetched_at === null ? null : new Date(row.fetched_at).toISOString();
  return {
    unit: row.unit, ...figures,
    // Not fetched yet is not "withheld"; after a fetch, a null is LINE keeping a small number back.
    withheld: fetchedAt === null ? [] : (Object.keys(figures) as Array<keyof Figures>).filter((key) => figures[key] === null),
    fetchedAt,
    ...(row.refusal === 'unavailable' || row.refusal === 'limit' ? { refusal: row.refusal } : {}),
  };
}

/**
 * A broadcast whose recipients are on several channels has a unit on each: their figures add up,
 * and a figure LINE withheld on any of them is withheld in the sum (adding a hidden count would
 * be a guess). None yet (nothing sent): null.
 */
export function combinedInsight(rows: readonly InsightUnitRow[]): InsightMeasure | null {
  const units = rows.map(toInsight);
  const [first, ...rest] = units;
  if (!first) return null;
  if (rest.length === 0) return first;
  const sum = (key: keyof Figures) => (units.some((u) => u[key] === null) ? null : units.reduce((n, u) => n + (u[key] ?? 0), 0));
  const fetched = units.every((u) => u.fetchedAt !== null);
  const figures: Figures = { uniqueImpression: sum('uniqueImpression'), uniqueClick: sum('uniqueClick'), impression: sum('impression') };
  const refusal = units.find((u) => u.refusal)?.refusal;
  return {
    unit: first.unit, ...figures,
    withheld: fetched ? (Object.keys(figures) as Array<keyof Figures>).filter((key) => figures[key] === null) : [],
    fetchedAt: fetched ? units.map((u) => u.fetchedAt!).sort()[0]! : null,
    ...(refusal ? { refusal } : {}),
  };
}
