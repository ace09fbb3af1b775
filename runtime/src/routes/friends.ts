import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { and, count, desc, eq, ilike } from 'drizzle-orm';
import {
  ApiErrorBody, EnrolBody, EnrolResponse, FriendDetail, FriendPage, ListFriendsQuery, SearchFriendsBody, SegmentBody,
  SegmentCountResponse, SegmentSampleResponse, SetFriendTagsBody, WorkspaceItemParams, WorkspaceParams, ListRunsQuery, RunSummary,
} from '@lsb/shared/api';
import { friends, runs } from '../db/schema/index.ts';
import { Type } from 'typebox';
import { changeFriendTags, getFriendDetail, getFriendRow, toFriendSummary, toRunSummary } from '../store/friends.ts';
import { loadCatalogue } from '../services/catalogue.ts';
import { badRequest } from '../errors.ts';
import { enqueueActivities } from '../runs/enqueue.ts';
import { getScenarioRow } from '../services/scenarios.ts';
import { countSegment, parseCondition, selectSegment } from '../services/segments.ts';
import { queueEnrolments } from '../runs/enrol.ts';
import { getWorkspaceRow } from '../services/workspaces.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 422: ApiErrorBody };

export const friendRoutes: FastifyPluginAsyncTypebox = async (app) => {
  requireWorkspaceInPath(app);
  const scopeOf = async (workspaceId: string) => {
    const workspace = await getWorkspaceRow(app.db, workspaceId);
    return { workspaceId, timeZone: workspace.timeZone, now: app.clock.now() };
  };

  app.get('/api/workspaces/:workspaceId/friends', {
    schema: { tags: ['friends'], params: WorkspaceParams, querystring: ListFriendsQuery, response: { 200: FriendPage, ...errors } },
  }, async (request) => {
    const { q, limit = 100, offset = 0 } = request.query;
    const where = and(eq(friends.workspaceId, request.params.workspaceId),
      q ? ilike(friends.displayName, `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined);
    const [rows, [total]] = await Promise.all([
      app.db.select().from(friends).where(where).orderBy(desc(friends.registeredAt)).limit(limit).offset(offset),
      app.db.select({ n: count() }).from(friends).where(where),
    ]);
    return { friends: rows.map(toFriendSummary), total: total?.n ?? 0 };
  });

  app.post('/api/workspaces/:workspaceId/friends/search', {
    schema: { tags: ['friends'], params: WorkspaceParams, body: SearchFriendsBody, response: { 200: FriendPage, ...errors } },
  }, async (request) => {
    const scope = await scopeOf(request.params.workspaceId);
    const [matching, total] = await Promise.all([
      selectSegment(app.db, app.pool, request.body.condition, scope, request.body.limit ?? 100),
      countSegment(app.pool, request.body.condition, scope),
    ]);
    return { friends: matching, total };
  });

  app.get('/api/workspaces/:workspaceId/friends/:id', {
    schema: { tags: ['friends'], params: WorkspaceItemParams, response: { 200: FriendDetail, ...errors } },
  }, (request) => getFriendDetail(app.db, request.params.workspaceId, request.params.id));

  app.post('/api/workspaces/:workspaceId/friends/:id/tags', {
    schema: { tags: ['friends'], params: WorkspaceItemParams, body: SetFriendTagsBody, response: { 200: FriendDetail, ...errors } },
  }, async (request) => {
    const { workspaceId, id } = request.params;
    const catalogue = await loadCatalogue(app.db, workspaceId);
    const known = new Set(catalogue.tags.map((tag) => tag.id));
    const unknown = [...(request.body.add ?? []), ...(request.body.remove ?? [])].filter((tagId) => !known.has(tagId));
    if (unknown.length) throw badRequest('unknown_tag', 'Some tags do not exist in this workspace.', { tagIds: unknown });
    await app.db.transaction(async (tx) => {
      const friend = await getFriendRow(tx, workspaceId, id);
      const added = await changeFriendTags(tx, friend, request.body, app.clock.now());
      await enqueueActivities(app.boss, tx, added.map((tagId) => ({ friendId: id, activity: { kind: 'tagAdded' as const, tagId } })));
    });
    return getFriendDetail(app.db, workspaceId, id);
  });

  app.get('/api/workspaces/:workspaceId/runs', {
    schema: { tags: ['runs'], params: WorkspaceParams, querystring: ListRunsQuery, response: { 200: Type.Array(RunSummary), ...errors } },
  }, async (request) => {
    const { scenarioId, friendId, status, limit = 100 } = request.query;
    const rows = await app.db.select().from(runs).where(and(
      eq(runs.workspaceId, request.params.workspaceId),
      scenarioId ? eq(runs.scenarioId, scenarioId) : undefined,
      friendId ? eq(runs.friendId, friendId) : undefined,
      status ? eq(runs.status, status as (typeof runs.$inferSelect)['status']) : undefined,
    )).orderBy(desc(runs.startedAt)).limit(limit);
    return rows.map(toRunSummary);
  });

  app.post('/api/workspaces/:workspaceId/segments/count', {
    schema: { tags: ['segments'], params: WorkspaceParams, body: SegmentBody, response: { 200: SegmentCountResponse, ...errors } },
  }, async (request) => ({ count: await countSegment(app.pool, request.body.condition, await scopeOf(request.params.workspaceId)) }));

  app.post('/api/workspaces/:workspaceId/segments/sample', {
    schema: { tags: ['segments'], params: WorkspaceParams, body: SegmentBody, response: { 200: SegmentSampleResponse, ...errors } },
  }, async (request) => ({ friends: await selectSegment(app.db, app.pool, request.body.condition, await scopeOf(request.params.workspaceId), 20) }));

  app.post('/api/workspaces/:workspaceId/scenarios/:id/enrol', {
    schema: { tags: ['scenarios'], params: WorkspaceItemParams, body: EnrolBody, response: { 202: EnrolResponse, ...errors } },
  }, async (request, reply) => {
    const { workspaceId, id } = request.params;
    await getScenarioRow(app.db, workspaceId, id);
    const body = request.body as { friendIds?: string[]; condition?: unknown };
    // Queued in one statement however large the segment; workers enter the friends in chunks.
    const target = body.friendIds
      ? { friendIds: body.friendIds }
      : { condition: parseCondition(body.condition), timeZone: (await scopeOf(workspaceId)).timeZone };
    const enrolled = await queueEnrolments(app.db, workspaceId, id, target, app.clock.now());
    const asked = body.friendIds?.length ?? enrolled;
    return reply.code(202).send({ enrolled, skipped: asked - enrolled });
  });

};
