import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, CatalogueUsage, DeleteQuery, Field, MergeTagBody, Tag, TagFolder, TrackedLink, UpdateFieldBody,
  UpdateTagBody, UpdateTagFolderBody, UpdateTrackedLinkBody, WorkspaceItemParams,
} from '@lsb/shared/api';
import {
  deleteFieldChecked, deleteLinkChecked, deleteTagChecked, deleteTagFolder, mergeTag, renameTagFolder, updateField, updateLink, updateTag, usageOf,
} from '../services/catalogue-manage.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { declareAccess } from '../plugins/access.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };
const ws = '/api/workspaces/:workspaceId';

/** タグ管理 / 友だち情報欄 / リンク: rename, move, merge, and delete after seeing who uses it. */
export const catalogueManageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const usageRoute = (path: string, kind: 'tag' | 'field' | 'link') => app.get(`${ws}/${path}/:id/usage`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, response: { 200: CatalogueUsage, ...errors } },
  }, (request) => usageOf(app.db, request.params.workspaceId, kind, request.params.id));
  usageRoute('tags', 'tag');
  usageRoute('fields', 'field');
  usageRoute('links', 'link');

  app.patch(`${ws}/tags/:id`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, body: UpdateTagBody, response: { 200: Tag, ...errors } },
  }, (request) => updateTag(app.db, request.params.workspaceId, request.params.id, request.body));

  app.delete(`${ws}/tags/:id`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, querystring: DeleteQuery, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await deleteTagChecked(app.db, request.params.workspaceId, request.params.id, request.query.force ?? false);
    return reply.code(204).send(null);
  });

  app.post(`${ws}/tags/:id/merge`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, body: MergeTagBody, response: { 200: Tag, ...errors } },
  }, (request) => mergeTag(app.db, request.params.workspaceId, request.params.id, request.body.intoTagId, app.clock.now()));

  app.patch(`${ws}/tag-folders/:id`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, body: UpdateTagFolderBody, response: { 200: TagFolder, ...errors } },
  }, (request) => renameTagFolder(app.db, request.params.workspaceId, request.params.id, request.body.name));

  app.delete(`${ws}/tag-folders/:id`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await deleteTagFolder(app.db, request.params.workspaceId, request.params.id);
    return reply.code(204).send(null);
  });

  app.patch(`${ws}/fields/:id`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, body: UpdateFieldBody, response: { 200: Field, ...errors } },
  }, (request) => updateField(app.db, request.params.workspaceId, request.params.id, request.body));

  app.delete(`${ws}/fields/:id`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, querystring: DeleteQuery, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await deleteFieldChecked(app.db, request.params.workspaceId, request.params.id, request.query.force ?? false);
    return reply.code(204).send(null);
  });

  app.patch(`${ws}/links/:id`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, body: UpdateTrackedLinkBody, response: { 200: TrackedLink, ...errors } },
  }, (request) => updateLink(app.db, request.params.workspaceId, request.params.id, request.body));

  app.delete(`${ws}/links/:id`, {
    schema: { tags: ['catalogue'], params: WorkspaceItemParams, querystring: DeleteQuery, response: { 204: Type.Null(), ...errors } },
  }, async (request, reply) => {
    await deleteLinkChecked(app.db, request.params.workspaceId, request.params.id, request.query.force ?? false);
    return reply.code(204).send(null);
  });
};
