import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, Channel, CreateChannelBody, CreateWorkspaceBody, UpdateWorkspaceBody, Workspace, WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import { createChannel, deleteChannel, listChannels } from '../services/channels.ts';
import { getWorkspaceRow, toWorkspace, updateWorkspace } from '../services/workspaces.ts';
import { recordAudit } from '../services/audit.ts';
import { createWorkspaceInCurrent, visibleWorkspaces } from '../services/organizations.ts';
import { declareAccess } from '../plugins/access.ts';
import { userOf } from './auth.ts';
import { publicUrlOf } from './public-url.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };

export const workspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Settings and channels are the admin's; reading is any member's.
  declareAccess(app, 'workspace', { minRole: 'admin' });
  const read = { minRole: 'viewer' as const };

  app.get('/api/workspaces', { config: { access: 'user', tokens: true }, schema: { tags: ['workspaces'], response: { 200: Type.Array(Workspace) } } }, (request) => {
    const principal = request.principal!;
    return visibleWorkspaces(app.db, principal.kind === 'token' ? { workspaceId: principal.workspaceId } : { userId: principal.user.id });
  });

  app.post('/api/workspaces', { config: { access: 'user' }, schema: { tags: ['workspaces'], body: CreateWorkspaceBody, response: { 201: Workspace, ...errors } } },
    async (request, reply) => reply.code(201).send(await createWorkspaceInCurrent(
      app.db, app.secretBox, userOf(request), request.session.currentOrganizationId, request.body, publicUrlOf(app, request),
    )));

  app.get('/api/workspaces/:workspaceId', { config: read, schema: { tags: ['workspaces'], params: WorkspaceParams, response: { 200: Workspace, ...errors } } },
    async (request) => toWorkspace(await getWorkspaceRow(app.db, request.params.workspaceId)));

  app.patch('/api/workspaces/:workspaceId', {
    schema: { tags: ['workspaces'], params: WorkspaceParams, body: UpdateWorkspaceBody, response: { 200: Workspace, ...errors } },
  }, (request) => updateWorkspace(app.db, request.params.workspaceId, request.body));

  app.get('/api/workspaces/:workspaceId/channels', {
    config: read,
    schema: { tags: ['channels'], params: WorkspaceParams, response: { 200: Type.Array(Channel), ...errors } },
  }, async (request) => {
    await getWorkspaceRow(app.db, request.params.workspaceId);
    return listChannels(app.db, app.secretBox, request.params.workspaceId, publicUrlOf(app, request));
  });

  app.post('/api/workspaces/:workspaceId/channels', {
    schema: { tags: ['channels'], params: WorkspaceParams, body: CreateChannelBody, response: { 201: Channel, ...errors } },
  }, async (request, reply) => {
    await getWorkspaceRow(app.db, request.params.workspaceId);
    const channel = await createChannel(app.db, app.secretBox, request.params.workspaceId, request.body, publicUrlOf(app, request));
    await recordAudit(app.db, request.principal, app.clock.now(), {
      workspaceId: channel.workspaceId, action: 'channel.bind', targetType: 'channel', targetId: channel.id, targetLabel: channel.name, details: { lineChannelId: channel.lineChannelId },
    });
    return reply.code(201).send(channel);
  });

  app.delete('/api/workspaces/:workspaceId/channels/:id', {
    schema: { tags: ['channels'], params: WorkspaceItemParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    const channel = await deleteChannel(app.db, request.params.workspaceId, request.params.id);
    await recordAudit(app.db, request.principal, app.clock.now(), {
      workspaceId: request.params.workspaceId, action: 'channel.unbind', targetType: 'channel', targetId: request.params.id, targetLabel: channel.name, details: { lineChannelId: channel.lineChannelId },
    });
    app.channelCredentials.forget(request.params.id);
    return reply.code(204).send(null);
  });
};
