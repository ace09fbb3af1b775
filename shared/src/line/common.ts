import { Type, type Static, type TSchema } from 'typebox';

/**
 * Building blocks shared by LINE's message, action and request schemas.
 *
 * Every schema may carry a `lineMessage`: the text our fake LINE server puts in its 400 body when the
 * value breaks that schema, so errors read like LINE's ("May not be empty", "Size must be between 1 and 5").
 */

/** LINE counts text limits in UTF-16 code units (JSON Schema's maxLength counts code points). */
export function Utf16Text(options: { min?: number; max: number }) {
  const min = options.min ?? 1;
  return Type.Refine(
    Type.String({ minLength: min }),
    (value: string) => value.length >= min && value.length <= options.max,
    () => `Length must be between ${min} and ${options.max}`,
  );
}

/** Optional plain text with a maximum length (label, title, displayText …). */
export function Text(max: number, min = 1) {
  return Type.String({ minLength: min, maxLength: max });
}

/** Media served to LINE's apps must be HTTPS and at most 2,000 characters. */
export const HttpsUrl = Type.String({
  pattern: '^https://[^\\s]+$',
  maxLength: 2000,
  lineMessage: 'Must be an HTTPS URL of at most 2000 characters',
});

/** What a URI action may open: web pages, LINE URL schemes and phone numbers. */
export const ActionUri = Type.String({
  pattern: '^(https?://|line://|tel:)[^\\s]*$',
  minLength: 1,
  maxLength: 1000,
  lineMessage: 'Must be an http, https, line or tel URI of at most 1000 characters',
});

export const HexColor = Type.String({
  pattern: '^#[0-9a-fA-F]{6}([0-9a-fA-F]{2})?$',
  lineMessage: 'Must be a hex color such as #FFFFFF',
});

/** A discriminated variant: an object whose `type` is one literal. */
export function Variant<Kind extends string, Properties extends Record<string, TSchema>>(
  kind: Kind,
  properties: Properties,
) {
  return Type.Object({ type: Type.Literal(kind), ...properties });
}

/**
 * A schema with a cross-field rule that JSON Schema cannot express. Rules also run on values that
 * already failed structurally, so a rule that cannot read the shape it expects passes and leaves the
 * report to the structural error.
 */
export function WithRule<Schema extends TSchema>(schema: Schema, check: (value: Static<Schema>) => boolean, message: string) {
  return Type.Refine(
    schema,
    (value: Static<Schema>) => {
      try {
        return check(value);
      } catch {
        return true;
      }
    },
    () => message,
  );
}
