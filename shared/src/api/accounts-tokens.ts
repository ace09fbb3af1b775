import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';

/*
 * API tokens for automation (a conversion feed, a CSV import by script): scoped to one workspace
 * and a role (never owner), stored hashed, shown once, revocable. Sent as `Authorization: Bearer <secret>`.
 * Managing them needs a logged-in admin of the workspace (tokens cannot manage tokens: 403 `session_required`).
 */

export const ApiTokenRole = Type.Union([Type.Literal('admin'), Type.Literal('editor'), Type.Literal('viewer')]);
export type ApiTokenRole = Static<typeof ApiTokenRole>;

export const ApiToken = Type.Object({
  id: Uuid,
  workspaceId: Uuid,
  name: Type.String(),
  role: ApiTokenRole,
  /** The first characters of the secret (`lsb_ab12…`), so people can tell tokens apart. */
  prefix: Type.String(),
  createdBy: Type.Object({ id: Uuid, name: Type.String(), email: Type.String() }),
  createdAt: IsoDateTime,
  lastUsedAt: Type.Union([IsoDateTime, Type.Null()]),
  revokedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type ApiToken = Static<typeof ApiToken>;

/** POST /api/workspaces/:workspaceId/tokens → 201 CreatedApiToken (the secret appears only in this answer). */
export const CreateApiTokenBody = Type.Object({ name: Name, role: ApiTokenRole }, { additionalProperties: false });
export type CreateApiTokenBody = Static<typeof CreateApiTokenBody>;
export const CreatedApiToken = Type.Object({ token: ApiToken, secret: Type.String() });
export type CreatedApiToken = Static<typeof CreatedApiToken>;

/** GET /api/workspaces/:workspaceId/tokens → ApiToken[] (revoked ones too, newest first).
 *  DELETE /api/workspaces/:workspaceId/tokens/:id → 204 (revoked at once; 404 `api_token_not_found`). */
