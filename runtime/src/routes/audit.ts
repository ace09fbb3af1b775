import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorBody, AuditPage, AuditQuery, WorkspaceParams } from '@lsb/shared/api';
import { declareAccess } from '../plugins/access.ts';
import { auditPage } from '../services/audit.ts';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  app.get('/api/workspaces/:workspaceId/audit', {
    schema: { tags: ['audit'], params: WorkspaceParams, querystring: AuditQuery, response: { 200: AuditPage, 400: ApiErrorBody, 401: ApiErrorBody, 404: ApiErrorBody } },
  }, (request) => auditPage(app.db, request.params.workspaceId, request.query));
};
