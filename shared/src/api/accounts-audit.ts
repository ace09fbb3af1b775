import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.ts';

/*
 * Audit log: who did what and when, per workspace. Recorded in the transaction of the change.
 * GET /api/workspaces/:workspaceId/audit?… → AuditPage (viewer and up). The scenario's versions view
 * filters with `targetId=<scenarioId>`.
 */

export const AUDIT_ACTIONS = [
  'scenario.publish', 'scenario.pause', 'scenario.resume', 'scenario.restore', 'scenario.archive', 'scenario.duplicate',
  'channel.bind', 'channel.unbind',
  'member.invite', 'member.join', 'member.role_change', 'member.remove', 'invitation.revoke',
  'token.create', 'token.revoke',
  'template.save', 'template.update', 'template.delete', 'template.import', 'template.clone', 'template.rollout',
] as const;
export const AuditAction = Type.Enum(AUDIT_ACTIONS);
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditActor = Type.Object({
  kind: Type.Union([Type.Literal('user'), Type.Literal('token'), Type.Literal('system')]),
  /** The user's or the token's id; null for the system. */
  id: Type.Union([Uuid, Type.Null()]),
  /** The user's name and email, or the token's name, as they were at the time. */
  label: Type.String(),
});
export type AuditActor = Static<typeof AuditActor>;

export const AuditEntry = Type.Object({
  id: Uuid,
  at: IsoDateTime,
  actor: AuditActor,
  action: AuditAction,
  targetType: Type.Union([Type.Literal('scenario'), Type.Literal('channel'), Type.Literal('member'), Type.Literal('invitation'), Type.Literal('token'), Type.Literal('template')]),
  targetId: Type.String(),
  /** The scenario's, channel's, member's or token's name at the time. */
  targetLabel: Type.String(),
  /** Action-specific: { version } for publish/restore, { from, to } for a role change, { role } for an invitation, { sourceId } for a duplicate; { version, scenarioId?, rolloutId? } for template actions. */
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditQuery = Type.Object({
  action: Type.Optional(AuditAction),
  actorId: Type.Optional(Uuid),
  targetId: Type.Optional(Type.String({ maxLength: 100 })),
  from: Type.Optional(IsoDateTime),
  to: Type.Optional(IsoDateTime),
  /** The `nextCursor` of the previous page. */
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditPage = Type.Object({ entries: Type.Array(AuditEntry), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type AuditPage = Static<typeof AuditPage>;
