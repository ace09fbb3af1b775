import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, SavedSegment, SavedSegmentList, SaveSegmentBody, SegmentBody, SegmentCountResponse, SegmentSampleResponse, WorkspaceItemParams,
  WorkspaceParams,
} from '@lsb/shared/api';
import { createSegment, countSegment, deleteSegment, getSegment, listSegments, selectSegment, updateSegment } from '../services/segments.ts';
import { getWorkspaceRow } from '../services/workspaces.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { declareAccess } from '../plugins/access.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 422: ApiErrorBody };

/** セグメント: saved condition trees with live counts, and ad-hoc counts and samples while editing one. */
export const segmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const scopeOf = async (workspaceId: string) => {
    const workspace = await getWorkspaceRow(app.db, workspaceId);
    return { workspaceId, timeZone: workspace.timeZone, now: app.clock.now() };
  };

  app.get('/api/workspaces/:workspaceId/segments', {
    schema: { tags: ['segments'], params: WorkspaceParams, response: { 200: SavedSegmentList, ...errors } },
  }, async (request) => ({ segments: await listSegments(app.db, app.pool, await scopeOf(request.params.workspaceId)) }));

  app.post('/api/workspaces/:workspaceId/segments', {
    schema: { tags: ['segments'], params: WorkspaceParams, body: SaveSegmentBody, response: { 201: SavedSegment, ...errors } },
  }, async (request, reply) => reply.code(201).send(await createSegment(app.db, request.params.workspaceId, request.body, app.clock.now())));

  app.get('/api/workspaces/:workspaceId/segments/:id', {
    schema: { tags: ['segments'], params: WorkspaceItemParams, response: { 200: SavedSegment, ...errors } },
  }, (request) => getSegment(app.db, request.params.workspaceId, request.params.id));

  app.put('/api/workspaces/:workspaceId/segments/:id', {
    schema: { tags: ['segments'], params: WorkspaceItemParams, body: SaveSegmentBody, response: { 200: SavedSegment, ...errors } },
  }, (request) => updateSegment(app.db, request.params.workspaceId, request.params.id, request.body, app.clock.now()));

  app.delete('/api/workspaces/:workspaceId/segments/:id', {
    schema: { tags: ['segments'], params: WorkspaceItemParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await deleteSegment(app.db, request.params.workspaceId, request.params.id);
    return reply.code(204).send(null);
  });

  app.post('/api/workspaces/:workspaceId/segments/count', {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: { tags: ['segments'], params: WorkspaceParams, body: SegmentBody, response: { 200: SegmentCountResponse, ...errors } },
  }, async (request) => ({ count: await countSegment(app.db, app.pool, request.body.condition, await scopeOf(request.params.workspaceId)) }));

  app.post('/api/workspaces/:workspaceId/segments/sample', {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: { tags: ['segments'], params: WorkspaceParams, body: SegmentBody, response: { 200: SegmentSampleResponse, ...errors } },
  }, async (request) => ({ friends: await selectSegment(app.db, app.pool, request.body.condition, await scopeOf(request.params.workspaceId), 20) }));
};
