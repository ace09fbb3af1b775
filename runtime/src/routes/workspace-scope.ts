import type { FastifyInstance } from 'fastify';
import { getWorkspaceRow } from '../services/workspaces.ts';

/**
 * Every route of the plugin that calls this is scoped by the workspace in its path; an unknown
 * workspace is a 404 before any handler runs. Services then filter every query by that id.
 */
export function requireWorkspaceInPath(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    const params = request.params as { workspaceId?: string };
    if (params.workspaceId) await getWorkspaceRow(app.db, params.workspaceId);
  });
}
