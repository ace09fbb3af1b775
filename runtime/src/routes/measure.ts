import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, CrossBody, CrossTable, MeasureRangeQuery, NodeMeasures, RfmSettings, RfmSummary, ScenarioAnalytics, SplitComparison, SplitParams,
  SplitWinnerBody, WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import { declareAccess } from '../plugins/access.ts';
import { crossTable, getRfmSettings, rfmSummary, saveRfmSettings } from '../services/analysis.ts';
import { nodeMeasures, scenarioAnalytics } from '../services/measure.ts';
import { chooseSplitWinner, clearWinner } from '../services/split-winners.ts';
import { getWorkspaceRow } from '../services/workspaces.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };
const tags = ['measure'];

/** Statistics on the canvas, the analytics page (funnel, daily, routes, A/B), クロス分析 and RFM. */
export const measureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const scopeOf = async (workspaceId: string) => {
    const workspace = await getWorkspaceRow(app.db, workspaceId);
    return { workspaceId, timeZone: workspace.timeZone, now: app.clock.now() };
  };
  const base = '/api/workspaces/:workspaceId';

  app.get(`${base}/scenarios/:id/measure/nodes`, { schema: { tags, params: WorkspaceItemParams, querystring: MeasureRangeQuery, response: { 200: NodeMeasures, ...errors } } },
    async (request) => nodeMeasures(app.db, await scopeOf(request.params.workspaceId), request.params.id, request.query));

  app.get(`${base}/scenarios/:id/measure/analytics`, { schema: { tags, params: WorkspaceItemParams, querystring: MeasureRangeQuery, response: { 200: ScenarioAnalytics, ...errors } } },
    async (request) => scenarioAnalytics(app.db, await scopeOf(request.params.workspaceId), request.params.id, request.query));

  app.put(`${base}/scenarios/:id/measure/splits/:nodeId/winner`, { schema: { tags, params: SplitParams, body: SplitWinnerBody, response: { 200: SplitComparison, ...errors } } },
    async (request) => chooseSplitWinner(app.db, await scopeOf(request.params.workspaceId), request.principal, request.params.id, request.params.nodeId, request.body.branchId));

  app.delete(`${base}/scenarios/:id/measure/splits/:nodeId/winner`, { schema: { tags, params: SplitParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await clearWinner(app.db, await scopeOf(request.params.workspaceId), request.principal, request.params.id, request.params.nodeId);
      return reply.code(204).send(null);
    });

  app.post(`${base}/analysis/cross`, {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: { tags, params: WorkspaceParams, body: CrossBody, response: { 200: CrossTable, ...errors } },
  }, async (request) => crossTable(app.db, app.pool, await scopeOf(request.params.workspaceId), request.body));

  app.get(`${base}/rfm`, { schema: { tags, params: WorkspaceParams, response: { 200: RfmSettings, ...errors } } },
    (request) => getRfmSettings(app.db, request.params.workspaceId));

  app.put(`${base}/rfm`, { schema: { tags, params: WorkspaceParams, body: RfmSettings, response: { 200: RfmSettings, ...errors } } },
    (request) => saveRfmSettings(app.db, request.params.workspaceId, request.body));

  app.get(`${base}/rfm/summary`, { schema: { tags, params: WorkspaceParams, response: { 200: RfmSummary, ...errors } } },
    async (request) => rfmSummary(app.db, app.pool, await scopeOf(request.params.workspaceId)));
};
