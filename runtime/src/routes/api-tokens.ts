import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiErrorBody, ApiToken, CreateApiTokenBody, CreatedApiToken, WorkspaceItemParams, WorkspaceParams } from '@lsb/shared/api';
import { declareAccess } from '../plugins/access.ts';
import { createApiToken, listTokens, revokeToken } from '../services/api-tokens.ts';
import { recordAudit } from '../services/audit.ts';
import { userOf } from './auth.ts';

const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody };
const tags = ['api tokens'];

export const apiTokenRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace', { minRole: 'admin', sessionOnly: true });
  const base = '/api/workspaces/:workspaceId/tokens';

  app.get(base, { schema: { tags, params: WorkspaceParams, response: { 200: Type.Array(ApiToken), ...errors } } },
    (request) => listTokens(app.db, request.params.workspaceId));

  app.post(base, { schema: { tags, params: WorkspaceParams, body: CreateApiTokenBody, response: { 201: CreatedApiToken, ...errors } } },
    async (request, reply) => {
      const { workspaceId } = request.params;
      const created = await createApiToken(app.db, workspaceId, userOf(request), request.body, app.clock.now());
      await recordAudit(app.db, request.principal, app.clock.now(), {
        workspaceId, action: 'token.create', targetType: 'token', targetId: created.token.id, targetLabel: created.token.name, details: { role: created.token.role },
      });
      return reply.code(201).send(created);
    });

  app.delete(`${base}/:id`, { schema: { tags, params: WorkspaceItemParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const { workspaceId, id } = request.params;
      const row = await revokeToken(app.db, workspaceId, id, app.clock.now());
      await recordAudit(app.db, request.principal, app.clock.now(), {
        workspaceId, action: 'token.revoke', targetType: 'token', targetId: id, targetLabel: row.name, details: { role: row.role },
      });
      return reply.code(204).send(null);
    });
};
