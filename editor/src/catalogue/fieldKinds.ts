import type { FieldKind } from '../flow/language.ts';

/** In the order the UI offers them. */
export const FIELD_KINDS: readonly FieldKind[] = ['text', 'number', 'date', 'choice'];
