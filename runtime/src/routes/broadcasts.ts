import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, Broadcast, BroadcastDraftBody, BroadcastList, BroadcastParams, BroadcastPreview, BroadcastPreviewBody, BroadcastProgress,
  BroadcastMeasure, BroadcastResults, BroadcastTestBody, BroadcastTestResult, SetTesterBody, TesterList, TesterState, WorkspaceItemParams, WorkspaceParams,
  type AuditAction,
} from '@lsb/shared/api';
import {
  broadcastProgress, broadcastResults, changeBroadcast, createBroadcast, deleteBroadcast, getBroadcast, listBroadcasts, markTester, previewBroadcast,
  startBroadcast, testBroadcast, testers, updateBroadcast, type BroadcastServiceDeps,
} from '../services/broadcasts.ts';
import { recordAudit } from '../services/audit.ts';
import { measureBroadcast } from '../services/broadcast-measure.ts';
import { declareAccess } from '../plugins/access.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 422: ApiErrorBody };
const tags = ['broadcasts'];
const base = '/api/workspaces/:workspaceId/broadcasts';

/** 一斉配信 / セグメント配信 (shared/src/api/broadcasts.ts lists the routes) and the testers they test-send to. */
export const broadcastRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const deps: BroadcastServiceDeps = {
    db: app.db, clock: app.clock, clickBaseUrl: (friendId, runId) => app.runContext.clickBaseUrl(friendId, runId),
    quota: (channelId) => app.line.quota(channelId),
  };
  const audit = async (request: { principal: Parameters<typeof recordAudit>[1] }, workspaceId: string, id: string, action: AuditAction) => {
    const broadcast = await getBroadcast(app.db, workspaceId, id);
    await recordAudit(app.db, request.principal, app.clock.now(), { workspaceId, action, targetType: 'broadcast', targetId: id, targetLabel: broadcast.name });
  };

  app.get(base, { schema: { tags, params: WorkspaceParams, response: { 200: BroadcastList, ...errors } } },
    async (request) => ({ broadcasts: await listBroadcasts(app.db, request.params.workspaceId) }));

  app.post(base, { schema: { tags, params: WorkspaceParams, body: BroadcastDraftBody, response: { 201: Broadcast, ...errors } } },
    async (request, reply) => reply.code(201).send(await createBroadcast(app.db, request.params.workspaceId, request.body, app.clock.now())));

  app.post(`${base}/preview`, {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: { tags, params: WorkspaceParams, body: BroadcastPreviewBody, response: { 200: BroadcastPreview, ...errors } },
  }, (request) => previewBroadcast(deps, request.params.workspaceId, request.body));

  app.get(`${base}/:id`, { schema: { tags, params: BroadcastParams, response: { 200: Broadcast, ...errors } } },
    (request) => getBroadcast(app.db, request.params.workspaceId, request.params.id));

  app.put(`${base}/:id`, { schema: { tags, params: BroadcastParams, body: BroadcastDraftBody, response: { 200: Broadcast, ...errors } } },
    (request) => updateBroadcast(app.db, request.params.workspaceId, request.params.id, request.body, app.clock.now()));

  app.delete(`${base}/:id`, { schema: { tags, params: BroadcastParams, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    await deleteBroadcast(app.db, request.params.workspaceId, request.params.id);
    return reply.code(204).send(null);
  });

  app.post(`${base}/:id/test`, { schema: { tags, params: BroadcastParams, body: BroadcastTestBody, response: { 200: BroadcastTestResult, ...errors } } },
    async (request) => {
      const { workspaceId, id } = request.params;
      const sentTo = await testBroadcast(deps, workspaceId, id, request.body.friendIds);
      await audit(request, workspaceId, id, 'broadcast.test');
      return { sentTo };
    });

  app.post(`${base}/:id/start`, { schema: { tags, params: BroadcastParams, response: { 200: Broadcast, ...errors } } }, async (request) => {
    const { workspaceId, id } = request.params;
    const started = await startBroadcast(deps, workspaceId, id);
    await audit(request, workspaceId, id, 'broadcast.start');
    return started;
  });

  for (const action of ['pause', 'resume', 'cancel'] as const) {
    app.post(`${base}/:id/${action}`, { schema: { tags, params: BroadcastParams, response: { 200: BroadcastProgress, ...errors } } }, async (request) => {
      const { workspaceId, id } = request.params;
      const progress = await changeBroadcast(deps, workspaceId, id, action);
      await audit(request, workspaceId, id, `broadcast.${action}`);
      return progress;
    });
  }

  app.get(`${base}/:id/progress`, { schema: { tags, params: BroadcastParams, response: { 200: BroadcastProgress, ...errors } } },
    (request) => broadcastProgress(app.db, request.params.workspaceId, request.params.id));

  app.get(`${base}/:id/results`, { schema: { tags, params: BroadcastParams, response: { 200: BroadcastResults, ...errors } } },
    (request) => broadcastResults(app.db, request.params.workspaceId, request.params.id));

  app.get(`${base}/:id/measure`, { schema: { tags, params: BroadcastParams, response: { 200: BroadcastMeasure, ...errors } } },
    (request) => measureBroadcast(app.db, request.params.workspaceId, request.params.id));

  app.get('/api/workspaces/:workspaceId/testers', { schema: { tags, params: WorkspaceParams, response: { 200: TesterList, ...errors } } },
    async (request) => ({ testers: await testers(app.db, request.params.workspaceId) }));

  app.put('/api/workspaces/:workspaceId/friends/:id/tester', {
    schema: { tags, params: WorkspaceItemParams, body: SetTesterBody, response: { 200: TesterState, ...errors } },
  }, (request) => markTester(app.db, request.params.workspaceId, request.params.id, request.body.tester));
};
