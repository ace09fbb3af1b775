import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiErrorBody, FriendDetail, SetFriendFieldsBody, WorkspaceItemParams } from '@lsb/shared/api';
import { setFriendFields } from '../services/friend-fields.ts';
import { getFriendDetail } from '../services/friend-admin.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { declareAccess } from '../plugins/access.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody };

/** A friend's data edited by hand on the friend page and in the simulator. */
export const friendDataRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);

  app.put('/api/workspaces/:workspaceId/friends/:id/fields', {
    schema: { tags: ['friends'], params: WorkspaceItemParams, body: SetFriendFieldsBody, response: { 200: FriendDetail, ...errors } },
  }, async (request) => {
    const { workspaceId, id } = request.params;
    await setFriendFields(app.db, app.runs.fieldsChanged, workspaceId, id, request.body.values, app.clock.now());
    return getFriendDetail(app.db, workspaceId, id);
  });
};
