import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  AcceptInvitationBody, ApiErrorBody, ChangeRoleBody, CreateInvitationBody, Invitation, InvitationPreview, InvitationTokenParams, Member, MemberParams,
  Session, WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import { declareAccess } from '../plugins/access.ts';
import { recordAudit } from '../services/audit.ts';
import { meOf } from '../services/accounts.ts';
import { acceptInvitation, changeMemberRole, invite, listInvitations, listMembers, previewInvitation, removeMember, revokeInvitation } from '../services/members.ts';
import { currentContext, rotateSession } from '../services/sessions.ts';
import { userOf } from './auth.ts';
import { publicUrlOf } from './public-url.ts';

const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };
const tags = ['members'];

/** Members and invitations of a workspace: read by any member, changed by admins, never by API tokens. */
export const memberRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace', { minRole: 'admin', sessionOnly: true });
  const base = '/api/workspaces/:workspaceId';
  const read = { minRole: 'viewer' as const };

  app.get(`${base}/members`, { config: read, schema: { tags, params: WorkspaceParams, response: { 200: Type.Array(Member), ...errors } } },
    (request) => listMembers(app.db, request.params.workspaceId));

  app.patch(`${base}/members/:userId`, { schema: { tags, params: MemberParams, body: ChangeRoleBody, response: { 200: Member, ...errors } } },
    async (request) => {
      const { workspaceId, userId } = request.params;
      const { member, from } = await changeMemberRole(app.db, workspaceId, request.workspaceRole!, userId, request.body.role);
      await recordAudit(app.db, request.principal, app.clock.now(), {
        workspaceId, action: 'member.role_change', targetType: 'member', targetId: userId, targetLabel: member.email, details: { from, to: member.role },
      });
      return member;
    });

  app.delete(`${base}/members/:userId`, { schema: { tags, params: MemberParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const { workspaceId, userId } = request.params;
      const member = await removeMember(app.db, workspaceId, request.workspaceRole!, userId);
      await recordAudit(app.db, request.principal, app.clock.now(), {
        workspaceId, action: 'member.remove', targetType: 'member', targetId: userId, targetLabel: member.email, details: { role: member.role },
      });
      return reply.code(204).send(null);
    });

  app.get(`${base}/invitations`, { config: read, schema: { tags, params: WorkspaceParams, response: { 200: Type.Array(Invitation), ...errors } } },
    (request) => listInvitations(app.db, request.params.workspaceId, app.clock.now()));

  app.post(`${base}/invitations`, { schema: { tags, params: WorkspaceParams, body: CreateInvitationBody, response: { 201: Invitation, ...errors } } },
    async (request, reply) => {
      const { workspaceId } = request.params;
      const invitation = await invite(app.db, app.mailer, {
        workspaceId, inviter: userOf(request), inviterRole: request.workspaceRole!, email: request.body.email, role: request.body.role,
        now: app.clock.now(), publicUrl: publicUrlOf(app),
      });
      await recordAudit(app.db, request.principal, app.clock.now(), {
        workspaceId, action: 'member.invite', targetType: 'invitation', targetId: invitation.id, targetLabel: invitation.email, details: { role: invitation.role },
      });
      return reply.code(201).send(invitation);
    });

  app.delete(`${base}/invitations/:id`, { schema: { tags, params: WorkspaceItemParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const { workspaceId, id } = request.params;
      const row = await revokeInvitation(app.db, workspaceId, id, app.clock.now());
      await recordAudit(app.db, request.principal, app.clock.now(), {
        workspaceId, action: 'invitation.revoke', targetType: 'invitation', targetId: id, targetLabel: row.email, details: { role: row.role },
      });
      return reply.code(204).send(null);
    });
};

/** The invitation link's two public steps: see what it is, accept it. */
export const invitationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'public');

  app.get('/api/invitations/:token', { schema: { tags, params: InvitationTokenParams, response: { 200: InvitationPreview, ...errors } } },
    (request) => previewInvitation(app.db, request.params.token, app.clock.now()));

  app.post('/api/invitations/accept', { schema: { tags, body: AcceptInvitationBody, response: { 200: Session, ...errors } } },
    async (request, reply) => {
      // Public, so the access hook has not looked at the cookie: a logged-in caller accepts as themself.
      const caller = await app.sessionUser(request);
      const { user, invitation } = await acceptInvitation(app.db, request.body, caller, app.clock.now());
      await recordAudit(app.db, { kind: 'user', user }, app.clock.now(), {
        workspaceId: invitation.workspaceId, action: 'member.join', targetType: 'member', targetId: user.id, targetLabel: user.email, details: { role: invitation.role },
      });
      const csrfToken = await rotateSession(app.db, request, reply, user.id);
      request.session.currentWorkspaceId = invitation.workspaceId;
      return { me: await meOf(app.db, user, currentContext(request)), csrfToken };
    });
};
