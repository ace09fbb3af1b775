import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  ApiErrorBody, type AuditAction, CreateScenarioBody, ListScenariosQuery, PublishPreview, PublishResponse, RenameScenarioBody, SaveDraftBody,
  SaveDraftResponse, ScenarioDetail, ScenarioStats, ScenarioSummary, ValidateResponse, VersionDetail, VersionParams, VersionSummary,
  WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import {
  createScenario, duplicateScenario, getScenario, getVersion, listScenarios, listVersions, publishPreview, publishScenario,
  restoreVersion, saveDraft, scenarioStats, updateScenario, validateScenario,
} from '../services/scenarios.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { declareAccess } from '../plugins/access.ts';
import { recordAudit } from '../services/audit.ts';
import { runtimeT } from '../i18n/index.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 422: ApiErrorBody };
const tags = ['scenarios'];
const item = { tags, params: WorkspaceItemParams };

export const scenarioRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const audit = (request: FastifyRequest, action: AuditAction, scenario: { id: string; name: string }, details: Record<string, unknown> = {}) =>
    recordAudit(app.db, request.principal, app.clock.now(), {
      workspaceId: (request.params as { workspaceId: string }).workspaceId, action, targetType: 'scenario', targetId: scenario.id, targetLabel: scenario.name, details,
    });
  const base = '/api/workspaces/:workspaceId/scenarios';

  app.get(base, { schema: { tags, params: WorkspaceParams, querystring: ListScenariosQuery, response: { 200: Type.Array(ScenarioSummary), ...errors } } },
    (request) => listScenarios(app.db, request.params.workspaceId, request.query));

  app.post(base, { schema: { tags, params: WorkspaceParams, body: CreateScenarioBody, response: { 201: ScenarioDetail, ...errors } } },
    async (request, reply) => reply.code(201).send(await createScenario(app.db, request.params.workspaceId, request.body)));

  app.get(`${base}/:id`, { schema: { ...item, response: { 200: ScenarioDetail, ...errors } } },
    (request) => getScenario(app.db, request.params.workspaceId, request.params.id));

  app.patch(`${base}/:id`, { schema: { ...item, body: RenameScenarioBody, response: { 200: ScenarioDetail, ...errors } } },
    (request) => updateScenario(app.db, request.params.workspaceId, request.params.id, {
      ...(request.body.name !== undefined ? { name: request.body.name } : {}),
      ...(request.body.priority !== undefined ? { priority: request.body.priority } : {}),
    }));

  app.put(`${base}/:id/draft`, { schema: { ...item, body: SaveDraftBody, response: { 200: SaveDraftResponse, ...errors } } },
    (request) => saveDraft(app.db, request.params.workspaceId, request.params.id, request.body.graph, request.body.baseRevision));

  app.post(`${base}/:id/duplicate`, { schema: { ...item, response: { 201: ScenarioDetail, ...errors } } },
    async (request, reply) => {
      const copy = await duplicateScenario(app.db, request.params.workspaceId, request.params.id, (name) => runtimeT()('scenario.copyName', { name }));
      await audit(request, 'scenario.duplicate', copy, { sourceId: request.params.id });
      return reply.code(201).send(copy);
    });

  for (const [action, state] of [['archive', 'archived'], ['pause', 'paused'], ['resume', 'active']] as const) {
    app.post(`${base}/:id/${action}`, { schema: { ...item, response: { 200: ScenarioDetail, ...errors } } }, async (request) => {
      const scenario = await updateScenario(app.db, request.params.workspaceId, request.params.id, { state });
      if (action === 'resume') await app.runs.resumeScenario(request.params.workspaceId, request.params.id);
      await audit(request, `scenario.${action}`, scenario);
      return scenario;
    });
  }

  app.post(`${base}/:id/validate`, { config: { minRole: 'viewer' }, schema: { ...item, response: { 200: ValidateResponse, ...errors } } },
    async (request) => ({ issues: await validateScenario(app.db, request.params.workspaceId, request.params.id) }));

  app.get(`${base}/:id/publish-preview`, { schema: { ...item, response: { 200: PublishPreview, ...errors } } },
    (request) => publishPreview(app.db, request.params.workspaceId, request.params.id));

  app.post(`${base}/:id/publish`, { schema: { ...item, response: { 200: PublishResponse, ...errors } } },
    async (request) => {
      const published = await publishScenario(app.db, request.params.workspaceId, request.params.id, app.clock.now());
      const scenario = await getScenario(app.db, request.params.workspaceId, request.params.id);
      await audit(request, 'scenario.publish', scenario, { version: published.version });
      return published;
    });

  app.get(`${base}/:id/versions`, { schema: { ...item, response: { 200: Type.Array(VersionSummary), ...errors } } },
    (request) => listVersions(app.db, request.params.workspaceId, request.params.id));

  app.get(`${base}/:id/versions/:versionId`, { schema: { tags, params: VersionParams, response: { 200: VersionDetail, ...errors } } },
    (request) => getVersion(app.db, request.params.workspaceId, request.params.id, request.params.versionId));

  app.post(`${base}/:id/versions/:versionId/restore`, { schema: { tags, params: VersionParams, response: { 200: ScenarioDetail, ...errors } } },
    async (request) => {
      const version = await getVersion(app.db, request.params.workspaceId, request.params.id, request.params.versionId);
      const scenario = await restoreVersion(app.db, request.params.workspaceId, request.params.id, request.params.versionId);
      await audit(request, 'scenario.restore', scenario, { version: version.version });
      return scenario;
    });

  app.get(`${base}/:id/stats`, { schema: { ...item, response: { 200: ScenarioStats, ...errors } } },
    (request) => scenarioStats(app.db, request.params.workspaceId, request.params.id));
};
