import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, ConversionList, ConversionListQuery, ConversionPoint, ConversionPointList, ManualConversionBody, RecordConversionBody,
  RecordConversionResponse, SaveConversionPointBody, Uuid, WorkspaceItemParams, WorkspaceParams,
} from '@lsb/shared/api';
import { badRequest } from '../errors.ts';
import { declareAccess } from '../plugins/access.ts';
import {
  createPoint, deletePoint, listConversions, listPoints, recordConversion, updatePoint, type ConversionDeps, type FriendRef,
} from '../services/conversions.ts';
import { publicUrlOf } from './public-url.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody, 409: ApiErrorBody };
const tags = ['conversions'];
const FriendItemParams = Type.Object({ workspaceId: Uuid, friendId: Uuid });

/**
 * コンバージョン: points (CRUD), recording by API token (idempotent on order id) or by hand on the
 * friend page, and the lists. The public pixel and redirect are routes/conversion-public.ts.
 */
export const conversionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const deps = (): ConversionDeps => ({ db: app.db, boss: app.boss, clock: app.clock, clickTokens: app.clickTokens, publicUrl: publicUrlOf(app) });
  const base = '/api/workspaces/:workspaceId';

  app.get(`${base}/conversion-points`, { schema: { tags, params: WorkspaceParams, response: { 200: ConversionPointList, ...errors } } },
    async (request) => ({ points: await listPoints(deps(), request.params.workspaceId) }));

  app.post(`${base}/conversion-points`, { schema: { tags, params: WorkspaceParams, body: SaveConversionPointBody, response: { 201: ConversionPoint, ...errors } } },
    async (request, reply) => reply.code(201).send(await createPoint(deps(), request.params.workspaceId, request.body)));

  app.put(`${base}/conversion-points/:id`, { schema: { tags, params: WorkspaceItemParams, body: SaveConversionPointBody, response: { 200: ConversionPoint, ...errors } } },
    (request) => updatePoint(deps(), request.params.workspaceId, request.params.id, request.body));

  app.delete(`${base}/conversion-points/:id`, { schema: { tags, params: WorkspaceItemParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await deletePoint(deps(), request.params.workspaceId, request.params.id);
      return reply.code(204).send(null);
    });

  app.post(`${base}/conversions`, { schema: { tags, params: WorkspaceParams, body: RecordConversionBody, response: { 200: RecordConversionResponse, 201: RecordConversionResponse, ...errors } } },
    async (request, reply) => {
      const { pointId, value, orderId, friendId, lineUserId, clickToken } = request.body;
      const named = [friendId, lineUserId, clickToken].filter((v) => v !== undefined);
      if (named.length !== 1) throw badRequest('friend_required', 'Name the friend with exactly one of friendId, lineUserId or clickToken.');
      const friend: FriendRef = friendId !== undefined ? { friendId } : lineUserId !== undefined ? { lineUserId } : { clickToken: clickToken! };
      const source = request.principal?.kind === 'token' ? 'api' : 'manual';
      const result = await recordConversion(deps(), request.params.workspaceId, {
        pointId, friend, value, source, ...(orderId === undefined ? {} : { orderId }),
      });
      return reply.code(result.duplicate ? 200 : 201).send(result);
    });

  app.get(`${base}/conversions`, { schema: { tags, params: WorkspaceParams, querystring: ConversionListQuery, response: { 200: ConversionList, ...errors } } },
    async (request) => ({ conversions: await listConversions(app.db, request.params.workspaceId, { ...stripUndefined(request.query) }) }));

  app.post(`${base}/friends/:friendId/conversions`, { schema: { tags, params: FriendItemParams, body: ManualConversionBody, response: { 200: RecordConversionResponse, 201: RecordConversionResponse, ...errors } } },
    async (request, reply) => {
      const { pointId, value, orderId } = request.body;
      const result = await recordConversion(deps(), request.params.workspaceId, {
        pointId, friend: { friendId: request.params.friendId }, value, source: 'manual', ...(orderId === undefined ? {} : { orderId }),
      });
      return reply.code(result.duplicate ? 200 : 201).send(result);
    });

  app.get(`${base}/friends/:friendId/conversions`, { schema: { tags, params: FriendItemParams, response: { 200: ConversionList, ...errors } } },
    async (request) => ({ conversions: await listConversions(app.db, request.params.workspaceId, { friendId: request.params.friendId }) }));
};

function stripUndefined<T extends object>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
