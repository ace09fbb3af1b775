import { Type, type Static } from 'typebox';

/** The one error shape every API route answers with; `code` is stable, `message` is for people. */
export const ApiErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  details: Type.Optional(Type.Unknown()),
});
export type ApiErrorBody = Static<typeof ApiErrorBody>;
