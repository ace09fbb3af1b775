import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, Channel, CreateChannelBody, CreateWorkspaceBody, UpdateWorkspaceBody, Workspace, WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import { createChannel, deleteChannel, listChannels } from '../services/channels.ts';
import { getWorkspaceRow, listWorkspaces, toWorkspace, updateWorkspace } from '../services/workspaces.ts';
import { setUpWorkspace } from '../services/onboarding.ts';
import { publicUrlOf } from './public-url.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };

export const workspaceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/workspaces', { schema: { tags: ['workspaces'], response: { 200: Type.Array(Workspace) } } }, () => listWorkspaces(app.db));

  app.post('/api/workspaces', { schema: { tags: ['workspaces'], body: CreateWorkspaceBody, response: { 201: Workspace, ...errors } } },
    async (request, reply) => reply.code(201).send(await setUpWorkspace(app.db, app.secretBox, request.body, publicUrlOf(app, request))));

  app.get('/api/workspaces/:workspaceId', { schema: { tags: ['workspaces'], params: WorkspaceParams, response: { 200: Workspace, ...errors } } },
    async (request) => toWorkspace(await getWorkspaceRow(app.db, request.params.workspaceId)));

  app.patch('/api/workspaces/:workspaceId', {
    schema: { tags: ['workspaces'], params: WorkspaceParams, body: UpdateWorkspaceBody, response: { 200: Workspace, ...errors } },
  }, (request) => updateWorkspace(app.db, request.params.workspaceId, request.body));

  app.get('/api/workspaces/:workspaceId/channels', {
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
    return reply.code(201).send(channel);
  });

  app.delete('/api/workspaces/:workspaceId/channels/:id', {
    schema: { tags: ['channels'], params: WorkspaceItemParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await deleteChannel(app.db, request.params.workspaceId, request.params.id);
    app.channelCredentials.forget(request.params.id);
    return reply.code(204).send(null);
  });
};
