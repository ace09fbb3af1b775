import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiErrorBody, EnrolBody, EnrolResponse, FriendDetail, FriendPage, ListFriendsQuery, SearchFriendsBody, SegmentBody,
  SegmentCountResponse, SegmentSampleResponse, SetFriendTagsBody, WorkspaceItemParams, WorkspaceParams, ListRunsQuery, RunSummary,
} from '@lsb/shared/api';
import { Type } from 'typebox';
import { enrolInScenario, getFriendDetail, listFriends, listWorkspaceRuns, setFriendTags } from '../services/friend-admin.ts';
import { countSegment, selectSegment } from '../services/segments.ts';
import { getWorkspaceRow } from '../services/workspaces.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { declareAccess } from '../plugins/access.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 422: ApiErrorBody };

export const friendRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const scopeOf = async (workspaceId: string) => {
    const workspace = await getWorkspaceRow(app.db, workspaceId);
    return { workspaceId, timeZone: workspace.timeZone, now: app.clock.now() };
  };

  app.get('/api/workspaces/:workspaceId/friends', {
    schema: { tags: ['friends'], params: WorkspaceParams, querystring: ListFriendsQuery, response: { 200: FriendPage, ...errors } },
  }, async (request) => {
    const { q, limit = 100, offset = 0 } = request.query;
    return listFriends(app.db, request.params.workspaceId, { q, limit, offset });
  });

  app.post('/api/workspaces/:workspaceId/friends/search', {
    config: { minRole: 'viewer' }, // a read that takes its condition as a body
    schema: { tags: ['friends'], params: WorkspaceParams, body: SearchFriendsBody, response: { 200: FriendPage, ...errors } },
  }, async (request) => {
    const scope = await scopeOf(request.params.workspaceId);
    const [matching, total] = await Promise.all([
      selectSegment(app.db, app.pool, request.body.condition, scope, request.body.limit ?? 100),
      countSegment(app.pool, request.body.condition, scope),
    ]);
    return { friends: matching, total };
  });

  app.get('/api/workspaces/:workspaceId/friends/:id', {
    schema: { tags: ['friends'], params: WorkspaceItemParams, response: { 200: FriendDetail, ...errors } },
  }, (request) => getFriendDetail(app.db, request.params.workspaceId, request.params.id));

  app.post('/api/workspaces/:workspaceId/friends/:id/tags', {
    schema: { tags: ['friends'], params: WorkspaceItemParams, body: SetFriendTagsBody, response: { 200: FriendDetail, ...errors } },
  }, (request) => setFriendTags(app.db, app.boss, request.params.workspaceId, request.params.id, request.body, app.clock.now()));

  app.get('/api/workspaces/:workspaceId/runs', {
    schema: { tags: ['runs'], params: WorkspaceParams, querystring: ListRunsQuery, response: { 200: Type.Array(RunSummary), ...errors } },
  }, (request) => listWorkspaceRuns(app.db, request.params.workspaceId, request.query));

  app.post('/api/workspaces/:workspaceId/segments/count', {
    config: { minRole: 'viewer' }, // a read that takes its condition as a body
    schema: { tags: ['segments'], params: WorkspaceParams, body: SegmentBody, response: { 200: SegmentCountResponse, ...errors } },
  }, async (request) => ({ count: await countSegment(app.pool, request.body.condition, await scopeOf(request.params.workspaceId)) }));

  app.post('/api/workspaces/:workspaceId/segments/sample', {
    config: { minRole: 'viewer' }, // a read that takes its condition as a body
    schema: { tags: ['segments'], params: WorkspaceParams, body: SegmentBody, response: { 200: SegmentSampleResponse, ...errors } },
  }, async (request) => ({ friends: await selectSegment(app.db, app.pool, request.body.condition, await scopeOf(request.params.workspaceId), 20) }));

  app.post('/api/workspaces/:workspaceId/scenarios/:id/enrol', {
    schema: { tags: ['scenarios'], params: WorkspaceItemParams, body: EnrolBody, response: { 202: EnrolResponse, ...errors } },
  }, async (request, reply) => {
    const { workspaceId, id } = request.params;
    const body = request.body as { friendIds?: string[]; condition?: unknown };
    return reply.code(202).send(await enrolInScenario(app.db, await scopeOf(workspaceId), id, body));
  });

};
