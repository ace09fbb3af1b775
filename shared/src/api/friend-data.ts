import { Type, type Static } from 'typebox';

/**
 * Friend-info values set by hand (friend page, simulator). `null` clears a value. Values are
 * checked against each field's kind by the runtime: text → string, number → finite number,
 * date → `YYYY-MM-DD`, choice → one of the field's choices.
 */
export const SetFriendFieldsBody = Type.Object(
  {
    values: Type.Record(
      Type.String(),
      // Unknown, not a union: the routes coerce types, which would turn 350000 into "350000" for a
      // text field. The runtime checks each value against its field's kind instead.
      Type.Unknown(),
      { minProperties: 1, maxProperties: 100 },
    ),
  },
  { additionalProperties: false },
);
export type SetFriendFieldsBody = Static<typeof SetFriendFieldsBody>;

/** Stable codes of a refused value, one per field, in the 400's `details.fields`. */
export type FieldValueProblem = 'unknownField' | 'notText' | 'notNumber' | 'notDate' | 'notChoice';
