import { Type, type Static } from 'typebox';

// Small schemas reused by nodes, conditions and messages, so a pattern is written once.

/**
 * An id of a node, tag, field, route, scenario or link. Empty means "not chosen yet": drafts must
 * always parse, so the validator, not the schema, refuses to publish a node with a missing choice.
 */
export const Id = Type.String({ maxLength: 200 });

/** Wall-clock time of day in the workspace zone, 24-hour `HH:MM`. */
export const TimeOfDay = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });
export type TimeOfDay = Static<typeof TimeOfDay>;

/** A calendar date `YYYY-MM-DD`, the way date fields are stored. */
export const IsoDate = Type.String({ pattern: '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$' });
export type IsoDate = Static<typeof IsoDate>;

export const DurationUnit = Type.Union([Type.Literal('minutes'), Type.Literal('hours'), Type.Literal('days')]);
export type DurationUnit = Static<typeof DurationUnit>;

export const Duration = Type.Object({
  amount: Type.Integer({ minimum: 1, maximum: 100_000 }),
  unit: DurationUnit,
});
export type Duration = Static<typeof Duration>;

export const Position = Type.Object({ x: Type.Number(), y: Type.Number() });
export type Position = Static<typeof Position>;

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

/** A JSON object (not an array, not null): what untrusted input must be before its fields are read. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
