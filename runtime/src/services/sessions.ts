import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/pool.ts';
import { deleteExpiredSessions, deleteSession, deleteUserSessions } from '../store/sessions.ts';

export function currentContext(request: FastifyRequest): { organizationId?: string; workspaceId?: string } {
  return {
    ...(request.session.currentOrganizationId ? { organizationId: request.session.currentOrganizationId } : {}),
    ...(request.session.currentWorkspaceId ? { workspaceId: request.session.currentWorkspaceId } : {}),
  };
}

/**
 * A new session id on every log-in and password change (no session fixation); the old id is
 * deleted from the store, so a copy of the old cookie is worth nothing. Returns the new CSRF token.
 */
export async function rotateSession(db: Db, request: FastifyRequest, reply: FastifyReply, userId: string): Promise<string> {
  const oldSid = request.session.sessionId;
  const keep = request.session.userId === userId ? currentContext(request) : {};
  await request.session.regenerate();
  await deleteSession(db, oldSid);
  await deleteExpiredSessions(db, new Date()); // expired ones are refused on read; their rows go at each log-in
  request.session.userId = userId;
  if (keep.organizationId) request.session.currentOrganizationId = keep.organizationId;
  if (keep.workspaceId) request.session.currentWorkspaceId = keep.workspaceId;
  return reply.generateCsrf();
}

export async function endSession(request: FastifyRequest): Promise<void> {
  await request.session.destroy();
}

/** "Log out everywhere": every session of the user, this one included. */
export async function endEverySession(db: Db, request: FastifyRequest, userId: string): Promise<void> {
  await deleteUserSessions(db, userId);
  await request.session.destroy();
}
