import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ApiErrorBody, CatalogueResponse, CreateFieldBody, CreateTagBody, CreateTagFolderBody, CreateTrackedLinkBody,
  Field, Tag, TagFolder, TrackedLink, WorkspaceParams,
} from '@lsb/shared/api';
import {
  createField, createTag, createTagFolder, createTrackedLink, loadCatalogue,
} from '../services/catalogue.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { declareAccess } from '../plugins/access.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };

export const catalogueRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);

  app.get('/api/workspaces/:workspaceId/catalogue', {
    schema: { tags: ['catalogue'], params: WorkspaceParams, response: { 200: CatalogueResponse, ...errors } },
  }, (request) => loadCatalogue(app.db, request.params.workspaceId));

  app.post('/api/workspaces/:workspaceId/tags', {
    schema: { tags: ['catalogue'], params: WorkspaceParams, body: CreateTagBody, response: { 201: Tag, ...errors } },
  }, async (request, reply) => reply.code(201).send(await createTag(app.db, request.params.workspaceId, request.body)));

  app.post('/api/workspaces/:workspaceId/tag-folders', {
    schema: { tags: ['catalogue'], params: WorkspaceParams, body: CreateTagFolderBody, response: { 201: TagFolder, ...errors } },
  }, async (request, reply) => reply.code(201).send(await createTagFolder(app.db, request.params.workspaceId, request.body.name)));

  app.post('/api/workspaces/:workspaceId/fields', {
    schema: { tags: ['catalogue'], params: WorkspaceParams, body: CreateFieldBody, response: { 201: Field, ...errors } },
  }, async (request, reply) => reply.code(201).send(await createField(app.db, request.params.workspaceId, request.body)));

  app.post('/api/workspaces/:workspaceId/links', {
    schema: { tags: ['catalogue'], params: WorkspaceParams, body: CreateTrackedLinkBody, response: { 201: TrackedLink, ...errors } },
  }, async (request, reply) => reply.code(201).send(await createTrackedLink(app.db, request.params.workspaceId, request.body)));
};
