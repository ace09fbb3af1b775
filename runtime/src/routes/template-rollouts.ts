import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ApiErrorBody, RetryRolloutBody, Rollout, StartRolloutBody, WorkspaceItemParams, WorkspaceParams } from '@lsb/shared/api';
import { declareAccess } from '../plugins/access.ts';
import { cancelRollout, getRollout, listWorkspaceRollouts, retryRollout, settleRollouts, startRollout } from '../services/template-rollouts.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 422: ApiErrorBody };
const tags = ['templates'];
const base = '/api/workspaces/:workspaceId/template-rollouts';

/** Roll-outs started from this workspace: a job per roll-out, polled for progress, cancellable, retried per target. */
export const templateRolloutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  app.addHook('onClose', async () => settleRollouts());
  const deps = { db: app.db, now: () => app.clock.now(), log: app.log };

  app.get(base, { schema: { tags, params: WorkspaceParams, response: { 200: Type.Array(Rollout), ...errors } } },
    (request) => listWorkspaceRollouts(app.db, request.params.workspaceId));

  app.post(base, { schema: { tags, params: WorkspaceParams, body: StartRolloutBody, response: { 202: Rollout, ...errors } } },
    async (request, reply) => reply.code(202).send(await startRollout(deps, request.params.workspaceId, request.principal, request.body)));

  app.get(`${base}/:id`, { schema: { tags, params: WorkspaceItemParams, response: { 200: Rollout, ...errors } } },
    (request) => getRollout(app.db, request.params.workspaceId, request.params.id));

  app.post(`${base}/:id/cancel`, { schema: { tags, params: WorkspaceItemParams, response: { 200: Rollout, ...errors } } },
    (request) => cancelRollout(app.db, request.params.workspaceId, request.params.id, app.clock.now()));

  app.post(`${base}/:id/retry`, { schema: { tags, params: WorkspaceItemParams, body: RetryRolloutBody, response: { 202: Rollout, ...errors } } },
    async (request, reply) => reply.code(202).send(await retryRollout(deps, request.params.workspaceId, request.principal, request.params.id, request.body)));
};
