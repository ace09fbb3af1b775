import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, Channel, InflowRouteDetail, QrQuery, RouteReport, RouteReportQuery, SaveChannelLoginBody, SaveInflowRouteBody,
  WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import { publicUrlOf } from './public-url.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { getWorkspaceRow } from '../services/workspaces.ts';
import { clearChannelLogin, saveChannelLogin } from '../inflow/channel-login.ts';
import { qrCode } from '../inflow/qr.ts';
import { routeReport } from '../inflow/report.ts';
import { createRoute, deleteRoute, getRouteRow, listRoutes, routeUrl, toRouteDetail, updateRoute } from '../services/inflow-routes.ts';
import { declareAccess } from '../plugins/access.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };

/** The marketer's side of inflow routes: CRUD, QR codes, the report, a channel's LINE Login settings. */
export const inflowApiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const base = '/api/workspaces/:workspaceId/inflow-routes';

  app.get(base, {
    schema: { tags: ['inflow-routes'], params: WorkspaceParams, response: { 200: Type.Array(InflowRouteDetail), ...errors } },
  }, (request) => listRoutes(app.db, request.params.workspaceId, publicUrlOf(app, request)));

  app.post(base, {
    schema: { tags: ['inflow-routes'], params: WorkspaceParams, body: SaveInflowRouteBody, response: { 201: InflowRouteDetail, ...errors } },
  }, async (request, reply) => {
    const row = await createRoute(app.db, request.params.workspaceId, request.body);
    return reply.code(201).send(toRouteDetail(row, publicUrlOf(app, request)));
  });

  app.get(`${base}/report`, {
    schema: { tags: ['inflow-routes'], params: WorkspaceParams, querystring: RouteReportQuery, response: { 200: RouteReport, ...errors } },
  }, async (request) => {
    const workspace = await getWorkspaceRow(app.db, request.params.workspaceId);
    return routeReport(app.db, workspace.workspaceId, workspace.timeZone, request.query, app.clock.now());
  });

  app.put(`${base}/:id`, {
    schema: { tags: ['inflow-routes'], params: WorkspaceItemParams, body: SaveInflowRouteBody, response: { 200: InflowRouteDetail, ...errors } },
  }, async (request) => {
    const row = await updateRoute(app.db, request.params.workspaceId, request.params.id, request.body);
    return toRouteDetail(row, publicUrlOf(app, request));
  });

  app.delete(`${base}/:id`, {
    schema: { tags: ['inflow-routes'], params: WorkspaceItemParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await deleteRoute(app.db, request.params.workspaceId, request.params.id, app.clock.now());
    return reply.code(204).send(null);
  });

  app.get(`${base}/:id/qr`, {
    schema: { tags: ['inflow-routes'], params: WorkspaceItemParams, querystring: QrQuery },
  }, async (request, reply) => {
    const row = await getRouteRow(app.db, request.params.workspaceId, request.params.id);
    const { format } = request.query;
    const image = await qrCode(routeUrl(publicUrlOf(app, request), row.id), format);
    return reply
      .type(format === 'png' ? 'image/png' : 'image/svg+xml')
      .header('content-disposition', `attachment; filename="inflow-route-${row.code}.${format}"`)
      .send(image);
  });

  app.put('/api/workspaces/:workspaceId/channels/:id/login', {
    config: { minRole: 'admin' },
    schema: { tags: ['channels'], params: WorkspaceItemParams, body: SaveChannelLoginBody, response: { 200: Channel, ...errors } },
  }, (request) => saveChannelLogin(app.db, app.secretBox, request.params.workspaceId, request.params.id, request.body, publicUrlOf(app, request)));

  app.delete('/api/workspaces/:workspaceId/channels/:id/login', {
    config: { minRole: 'admin' },
    schema: { tags: ['channels'], params: WorkspaceItemParams, response: { 200: Channel, ...errors } },
  }, (request) => clearChannelLogin(app.db, app.secretBox, request.params.workspaceId, request.params.id, publicUrlOf(app, request)));
};
