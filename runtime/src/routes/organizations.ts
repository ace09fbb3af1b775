import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, ChangeOrganizationRoleBody, CreateOrganizationBody, CreateWorkspaceBody, Organization, OrganizationMember, OrganizationMemberParams,
  OrganizationParams, Workspace,
} from '@lsb/shared/api';
import { declareAccess } from '../plugins/access.ts';
import { changeOrgRole, listOrgMembers } from '../services/members.ts';
import { createOrganization, createWorkspaceIn } from '../services/organizations.ts';
import { userOf } from './auth.ts';
import { publicUrlOf } from './public-url.ts';

const errors = { 400: ApiErrorBody, 401: ApiErrorBody, 403: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };
const tags = ['organizations'];

/** Organizations are a person's, never an API token's (a token lives in one workspace). */
export const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'user');

  app.post('/api/organizations', { schema: { tags, body: CreateOrganizationBody, response: { 201: Organization, ...errors } } },
    async (request, reply) => reply.code(201).send(await createOrganization(app.db, userOf(request), request.body.name)));

  app.get('/api/organizations/:organizationId/members', {
    schema: { tags, params: OrganizationParams, response: { 200: Type.Array(OrganizationMember), ...errors } },
  }, (request) => listOrgMembers(app.db, request.params.organizationId, userOf(request).id));

  app.patch('/api/organizations/:organizationId/members/:userId', {
    schema: { tags, params: OrganizationMemberParams, body: ChangeOrganizationRoleBody, response: { 200: OrganizationMember, ...errors } },
  }, (request) => changeOrgRole(app.db, request.params.organizationId, userOf(request), request.params.userId, request.body.role));

  app.post('/api/organizations/:organizationId/workspaces', {
    schema: { tags, params: OrganizationParams, body: CreateWorkspaceBody, response: { 201: Workspace, ...errors } },
  }, async (request, reply) => reply.code(201).send(
    await createWorkspaceIn(app.db, app.secretBox, userOf(request), request.params.organizationId, request.body, publicUrlOf(app)),
  ));
};
