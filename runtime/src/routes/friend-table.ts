import { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, BulkTagsBody, FriendFilter, FriendFilterBody, FriendJob, FriendQueryBody, FriendQueryResponse, IMPORT_FILE_MAX_BYTES, ImportPreview,
  SegmentCountResponse, WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import { exportFriendsCsv } from '../services/friend-export.ts';
import { planImport, previewOf } from '../services/friend-import.ts';
import { cancelFriendJob, getFriendJob, settleFriendJobs, startBulkTags, startFriendJobResumer, startImport } from '../services/friend-jobs.ts';
import { queryFriends } from '../services/friend-table.ts';
import { countFilter } from '../services/segments.ts';
import { getWorkspaceRow } from '../services/workspaces.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { declareAccess } from '../plugins/access.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody, 413: ApiErrorBody, 422: ApiErrorBody };

/** The friends page: a filtered table by keyset pages, its count, bulk tags, CSV out and in. */
export const friendTableRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  // A CSV arrives as raw bytes: its encoding is detected by the service, not assumed by a parser.
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: IMPORT_FILE_MAX_BYTES + 1024 }, (_request, body, done) => done(null, body));
  const scopeOf = async (workspaceId: string) => {
    const workspace = await getWorkspaceRow(app.db, workspaceId);
    return { workspaceId, timeZone: workspace.timeZone, now: app.clock.now() };
  };
  const deps = { db: app.db, pool: app.pool, boss: app.boss, clock: app.clock, fieldsChanged: app.runs.fieldsChanged, log: app.log };
  // Jobs whose process died mid-way are taken over here once their lease lapses.
  const resumer = startFriendJobResumer(deps, app.log);
  app.addHook('onClose', async () => {
    await resumer.stop();
    await settleFriendJobs();
  });

  app.post('/api/workspaces/:workspaceId/friends/query', {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: { tags: ['friends'], params: WorkspaceParams, body: FriendQueryBody, response: { 200: FriendQueryResponse, ...errors } },
  }, async (request) => queryFriends(app.db, app.pool, request.body, await scopeOf(request.params.workspaceId)));

  app.post('/api/workspaces/:workspaceId/friends/count', {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: { tags: ['friends'], params: WorkspaceParams, body: FriendFilterBody, response: { 200: SegmentCountResponse, ...errors } },
  }, async (request) => ({ count: await countFilter(app.db, app.pool, request.body.filter, await scopeOf(request.params.workspaceId)) }));

  app.post('/api/workspaces/:workspaceId/friends/bulk-tags', {
    schema: { tags: ['friends'], params: WorkspaceParams, body: BulkTagsBody, response: { 202: FriendJob, ...errors } },
  }, async (request, reply) => reply.code(202).send(await startBulkTags(deps, request.body, await scopeOf(request.params.workspaceId))));

  app.get('/api/workspaces/:workspaceId/friend-jobs/:id', {
    schema: { tags: ['friends'], params: WorkspaceItemParams, response: { 200: FriendJob, ...errors } },
  }, (request) => getFriendJob(app.db, request.params.workspaceId, request.params.id));

  app.post('/api/workspaces/:workspaceId/friend-jobs/:id/cancel', {
    schema: { tags: ['friends'], params: WorkspaceItemParams, response: { 200: FriendJob, ...errors } },
  }, (request) => cancelFriendJob(app.db, request.params.workspaceId, request.params.id));

  app.post('/api/workspaces/:workspaceId/friends/export', {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: {
      tags: ['friends'], params: WorkspaceParams,
      body: Type.Object({ filter: FriendFilter, lang: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])) }, { additionalProperties: false }),
      response: errors,
    },
  }, async (request, reply) => {
    const scope = await scopeOf(request.params.workspaceId);
    const lines = exportFriendsCsv(app.db, app.pool, request.body.filter, scope, request.body.lang ?? 'ja');
    // Read the header first, so a bad filter is a JSON error rather than a broken download.
    const first = await lines.next();
    const stream = Readable.from((async function* () {
      if (!first.done) yield first.value;
      yield* lines;
    })());
    return reply.header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="friends-${scope.now.toISOString().slice(0, 10)}.csv"`)
      .send(stream as never);
  });

  const importSchema = { tags: ['friends'], params: WorkspaceParams, body: Type.Unknown() };
  app.post('/api/workspaces/:workspaceId/friends/import/preview', {
    config: { minRole: 'viewer' }, // a read that takes its question as a body
    schema: { ...importSchema, response: { 200: ImportPreview, ...errors } },
  }, async (request) => previewOf(await planImport(app.db, request.params.workspaceId, bytesOf(request.body))));

  app.post('/api/workspaces/:workspaceId/friends/import', {
    schema: { ...importSchema, response: { 202: FriendJob, ...errors } },
  }, async (request, reply) => {
    const plan = await planImport(app.db, request.params.workspaceId, bytesOf(request.body));
    return reply.code(202).send(await startImport(deps, plan, await scopeOf(request.params.workspaceId)));
  });
};

function bytesOf(body: unknown): Uint8Array {
  if (body instanceof Uint8Array) return body;
  return new Uint8Array();
}
