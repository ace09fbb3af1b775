import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  ApiErrorBody, CreateVirtualFriendBody, FastForwardResponse, FriendSummary, InboxResponse, SimulatorPostbackBody, SimulatorTextBody,
  VirtualFriendParams, WorkspaceParams,
} from '@lsb/shared/api';
import { followEvent, postbackEvent, textMessageEvent, unfollowEvent } from '../line/fake/index.ts';
import type { WebhookEvent } from '../line/schemas/index.ts';
import { addVirtualFriend, clockShiftsOf, fastForward, inboxOf, listVirtualFriends, postSignedWebhook, toFriendSummary, virtualFriend } from '../simulator/virtual-friends.ts';
import { requireWorkspaceInPath } from './workspace-scope.ts';
import { declareAccess } from '../plugins/access.ts';

const errors = { 400: ApiErrorBody, 404: ApiErrorBody };
const tags = ['simulator'];
const friendParams = { tags, params: VirtualFriendParams };
const accepted = Type.Object({ ok: Type.Literal(true) });

export const simulatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  declareAccess(app, 'workspace');
  requireWorkspaceInPath(app);
  const base = '/api/workspaces/:workspaceId/simulator/friends';

  app.get(base, { schema: { tags, params: WorkspaceParams, response: { 200: Type.Array(FriendSummary), ...errors } } }, async (request) => {
    return listVirtualFriends(app, request.params.workspaceId);
  });

  app.post(base, { schema: { tags, params: WorkspaceParams, body: CreateVirtualFriendBody, response: { 201: FriendSummary, ...errors } } },
    async (request, reply) => reply.code(201).send(toFriendSummary(await addVirtualFriend(app, request.params.workspaceId, request.body))));

  // Each action is an event from the friend's phone: signed, posted to the webhook, processed by the workers.
  const act = (path: string, event: (userId: string, timestamp: number, body: never) => WebhookEvent, body?: typeof SimulatorTextBody | typeof SimulatorPostbackBody) =>
    app.post(`${base}/:friendId/${path}`, { schema: { ...friendParams, ...(body ? { body } : {}), response: { 200: accepted, ...errors } } },
      async (request) => {
        const friend = await virtualFriend(app, request.params.workspaceId, request.params.friendId);
        if (path === 'block') app.fakeLine.users.setBlocked(friend.lineUserId, true);
        if (path === 'unblock') app.fakeLine.users.setBlocked(friend.lineUserId, false);
        await postSignedWebhook(app, friend.channelId, [event(friend.lineUserId, app.clock.now().getTime(), request.body as never)]);
        return { ok: true as const };
      });
  act('message', (userId, timestamp, body: { text: string }) => textMessageEvent({ userId, timestamp, text: body.text }), SimulatorTextBody);
  act('postback', (userId, timestamp, body: { data: string }) => postbackEvent({ userId, timestamp, data: body.data }), SimulatorPostbackBody);
  act('block', (userId, timestamp) => unfollowEvent({ userId, timestamp }));
  act('unblock', (userId, timestamp) => followEvent({ userId, timestamp, isUnblocked: true }));

  app.post(`${base}/:friendId/fast-forward`, { schema: { ...friendParams, response: { 200: FastForwardResponse, ...errors } } }, async (request) => {
    const friend = await virtualFriend(app, request.params.workspaceId, request.params.friendId);
    return fastForward(app, friend.id);
  });

  app.get(`${base}/:friendId/inbox`, { schema: { ...friendParams, response: { 200: InboxResponse, ...errors } } }, async (request) => {
    const friend = await virtualFriend(app, request.params.workspaceId, request.params.friendId);
    return { entries: await inboxOf(app, friend), clock: { offsetMs: friend.clockOffsetMs, shifts: await clockShiftsOf(app, friend.id) } };
  });
};
