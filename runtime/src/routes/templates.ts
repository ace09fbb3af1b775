import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { TemplateBundle } from '@lsb/shared';
import {
  AddStarterBody, ApiErrorBody, type AuditAction, BundleQuery, CloneBody, ClonePreview, ClonePreviewBody, CloneResult, IMPORT_BODY_LIMIT,
  ImportBundleBody, ImportBundleResponse, SaveTemplateBody, ScenarioBundleQuery, StarterSummary, TemplateDetail, TemplateLink, TemplateParams,
  TemplateSummary, TemplateVersionDetail, TemplateVersionParams, UpdateTemplateBody, WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import type { Principal } from '../accounts/principal.ts';
import { declareAccess } from '../plugins/access.ts';
import { recordAudit } from '../services/audit.ts';
import { clonePreview, cloneTemplate, templateLink } from '../services/template-clone.ts';
import {
  addStarter, deleteTemplate, exportScenario, exportTemplate, getTemplate, getTemplateVersion, importBundle, listStarters, listTemplates,
  saveTemplate, updateTemplate,
} from '../services/templates.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 413: ApiErrorBody, 422: ApiErrorBody };
const tags = ['templates'];
const base = '/api/workspaces/:workspaceId/templates';

/** Who saved a template version, as named then. */
export function actorName(principal: Principal | null): string {
  if (!principal) return 'system';
  return principal.kind === 'token' ? principal.name : `${principal.user.name} <${principal.user.email}>`;
}

/** The organization's template library from one of its workspaces (viewer reads, editor changes). */
export const templateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const audit = (request: FastifyRequest, action: AuditAction, template: { id: string; name: string }, details: Record<string, unknown> = {}) =>
    recordAudit(app.db, request.principal, app.clock.now(), {
      workspaceId: (request.params as { workspaceId: string }).workspaceId, action, targetType: 'template', targetId: template.id, targetLabel: template.name, details,
    });

  app.get(base, { schema: { tags, params: WorkspaceParams, response: { 200: Type.Array(TemplateSummary), ...errors } } },
    (request) => listTemplates(app.db, request.params.workspaceId));

  app.post(base, { schema: { tags, params: WorkspaceParams, body: SaveTemplateBody, response: { 201: TemplateDetail, ...errors } } }, async (request, reply) => {
    const template = await saveTemplate(app.db, request.params.workspaceId, request.body, actorName(request.principal), app.clock.now());
    await audit(request, 'template.save', template, { version: template.latestVersion, scenarioId: request.body.scenarioId, from: request.body.from ?? 'draft' });
    return reply.code(201).send(template);
  });

  app.get(`${base}/starters`, { schema: { tags, params: WorkspaceParams, response: { 200: Type.Array(StarterSummary), ...errors } } },
    () => listStarters());

  app.post(`${base}/starters`, { schema: { tags, params: WorkspaceParams, body: AddStarterBody, response: { 201: TemplateDetail, ...errors } } }, async (request, reply) => {
    const template = await addStarter(app.db, request.params.workspaceId, request.body.starter, request.body.language ?? 'ja', actorName(request.principal), app.clock.now());
    await audit(request, 'template.save', template, { version: 1, starter: request.body.starter });
    return reply.code(201).send(template);
  });

  app.post(`${base}/import`, {
    bodyLimit: IMPORT_BODY_LIMIT,
    schema: { tags, params: WorkspaceParams, body: ImportBundleBody, response: { 201: ImportBundleResponse, ...errors } },
  }, async (request, reply) => {
    const template = await importBundle(app.db, request.params.workspaceId, request.body.bundle, actorName(request.principal), app.clock.now());
    await audit(request, 'template.import', template, { version: 1, migratedFrom: template.migratedFrom });
    return reply.code(201).send(template);
  });

  app.get(`${base}/:id`, { schema: { tags, params: TemplateParams, response: { 200: TemplateDetail, ...errors } } },
    (request) => getTemplate(app.db, request.params.workspaceId, request.params.id));

  app.patch(`${base}/:id`, { schema: { tags, params: TemplateParams, body: UpdateTemplateBody, response: { 200: TemplateDetail, ...errors } } }, async (request) => {
    const template = await updateTemplate(app.db, request.params.workspaceId, request.params.id, request.body, app.clock.now());
    await audit(request, 'template.update', template, { ...request.body });
    return template;
  });

  app.delete(`${base}/:id`, { schema: { tags, params: TemplateParams, response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    const template = await deleteTemplate(app.db, request.params.workspaceId, request.params.id);
    await audit(request, 'template.delete', template, { version: template.latestVersion });
    return reply.code(204).send(null);
  });

  app.get(`${base}/:id/versions/:version`, { schema: { tags, params: TemplateVersionParams, response: { 200: TemplateVersionDetail, ...errors } } },
    (request) => getTemplateVersion(app.db, request.params.workspaceId, request.params.id, request.params.version));

  app.get(`${base}/:id/bundle`, { schema: { tags, params: TemplateParams, querystring: BundleQuery, response: { 200: TemplateBundle, ...errors } } },
    (request) => exportTemplate(app.db, request.params.workspaceId, request.params.id, request.query.version, app.clock.now()));

  app.post(`${base}/:id/clone-preview`, {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: { tags, params: TemplateParams, body: ClonePreviewBody, response: { 200: ClonePreview, ...errors } },
  }, (request) => clonePreview(app.db, request.params.workspaceId, request.params.id, request.body.version));

  app.post(`${base}/:id/clone`, { schema: { tags, params: TemplateParams, body: CloneBody, response: { 201: CloneResult, ...errors } } }, async (request, reply) => {
    const { template, ...result } = await cloneTemplate(app.db, request.params.workspaceId, request.params.id, request.body, app.clock.now());
    await audit(request, 'template.clone', template, { version: result.templateVersion, scenarioId: result.scenarioId, unmapped: result.unmapped.length });
    return reply.code(201).send(result);
  });

  app.get('/api/workspaces/:workspaceId/scenarios/:id/bundle', {
    schema: { tags, params: WorkspaceItemParams, querystring: ScenarioBundleQuery, response: { 200: TemplateBundle, ...errors } },
  }, (request) => exportScenario(app.db, request.params.workspaceId, request.params.id, request.query.from ?? 'draft', app.clock.now()));

  app.get('/api/workspaces/:workspaceId/scenarios/:id/template-link', {
    schema: { tags, params: WorkspaceItemParams, response: { 200: TemplateLink, ...errors } },
  }, (request) => templateLink(app.db, request.params.workspaceId, request.params.id));
};
