import type { FieldKind } from '../graph/catalogue.ts';

// What a friend field of each kind may hold, checked the same way by the API and the editor.

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export type FieldValueProblem = 'notADate' | 'notANumber' | 'notText' | 'notAChoice';

/** Why this value cannot go into a field of this kind, or null when it can (null always can: it clears). */
export function fieldValueProblem(field: { kind: FieldKind; choices?: readonly string[] }, value: unknown): FieldValueProblem | null {
  if (value === null) return null;
  switch (field.kind) {
    case 'date':
      return isIsoDate(value) ? null : 'notADate';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'notANumber';
    case 'text':
      return typeof value === 'string' ? null : 'notText';
    case 'choice':
      return typeof value === 'string' && (field.choices ?? []).includes(value) ? null : 'notAChoice';
  }
}

/** The catalogue key of each problem's sentence (`fieldValue.notADate`, …). */
export const fieldValueMessageKey = (problem: FieldValueProblem) => `fieldValue.${problem}` as const;
