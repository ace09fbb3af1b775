import type { FieldKind } from '../flow/language.ts';

type FieldDraftProblem = 'notNumber';

/** A stored value as the input shows it ('' when unset or of another kind). */
export function valueText(kind: FieldKind, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (kind === 'number') return typeof value === 'number' ? String(value) : '';
  return typeof value === 'string' ? value : '';
}

/**
 * What an input's text means for the API: '' clears; a number field needs a number (full-width
 * digits and thousands separators are accepted, as a marketer types 350,000 or ３５００００).
 */
export function parseDraft(kind: FieldKind, text: string): { value: string | number | null } | { problem: FieldDraftProblem } {
  const trimmed = text.trim();
  if (trimmed === '') return { value: null };
  if (kind !== 'number') return { value: kind === 'text' ? text : trimmed };
  const normal = trimmed.normalize('NFKC').replaceAll(',', '');
  const n = Number(normal);
  return normal !== '' && Number.isFinite(n) ? { value: n } : { problem: 'notNumber' };
}
