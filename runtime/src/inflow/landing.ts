import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { findChannel, type ChannelRow } from '../store/channels.ts';
import { lockFriendByLineUser } from '../store/friends.ts';
import { claimLoginState, findRoute, saveLoginState, savePendingInflow, setFriendRoute } from '../store/inflow.ts';
import { arriveThroughRoute } from './arrival.ts';
import { defaultChannel } from '../services/inflow-routes.ts';
import { authorizeUrl, exchangeCode, type LoginChannel } from './line-login.ts';
import { ADD_FRIEND_LABEL, OPEN_CHAT_LABEL, type PageKind, type PageOptions } from './pages.ts';

// A route's URL, opened on a phone: LINE Login tells us who it is, then the add-friend page. The
// follow that comes next claims the pending inflow written here (LINE's follow event carries no
// source); someone who is already a friend gets the route's actions at once.

export type LandingAnswer = { redirect: string } | { status: number; kind: PageKind; options?: PageOptions };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A login left unfinished this long is refused; LINE's own codes live 10 minutes. */
const STATE_TTL_MS = 30 * 60_000;
const REAL_AUTHORIZE = 'https://access.line.me';
const REAL_API = 'https://api.line.me';

export interface LandingEnv {
  app: FastifyInstance;
  /** Where the person's browser reaches this server (PUBLIC_URL or the request's host). */
  publicUrl: string;
  /** Where the built-in fake LINE (and its LINE Login) listens, for fake-bound channels. */
  fakeLineUrl: () => string;
}

const callbackUrlOf = (publicUrl: string) => `${publicUrl.replace(/\/$/, '')}/r/callback`;

export async function landOnRoute(env: LandingEnv, routeId: string): Promise<LandingAnswer> {
  const { app } = env;
  if (!UUID.test(routeId)) return { status: 404, kind: 'unknown_route' };
  const route = await findRoute(app.db, routeId);
  if (!route) return { status: 404, kind: 'unknown_route' };
  const channelId = route.channelId ?? await defaultChannel(app.db, route.workspaceId);
  const channel = channelId ? await channelRow(app, channelId) : undefined;
  if (route.deletedAt) return { status: 410, kind: 'deleted_route', options: { link: addFriendLink(env, channel) } };
  if (!channel) return { status: 200, kind: 'no_channel' };
  const login = loginChannelOf(app, channel);
  if (!login) return { status: 200, kind: 'login_not_set_up', options: { link: addFriendLink(env, channel) } };

  const state = randomBytes(24).toString('base64url');
  const nonce = randomBytes(16).toString('base64url');
  const now = app.clock.now();
  await saveLoginState(app.db, { state, workspaceId: route.workspaceId, inflowRouteId: route.id, channelId: channel.id, nonce }, now, new Date(now.getTime() - STATE_TTL_MS));
  return {
    redirect: authorizeUrl({
      authorizeBase: channel.isFake ? env.fakeLineUrl() : (app.config.LINE_API_BASE_URL ?? REAL_AUTHORIZE),
      clientId: login.clientId, redirectUri: callbackUrlOf(env.publicUrl), state, nonce,
    }),
  };
}

export interface CallbackQuery {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_description?: string | undefined;
  friendship_status_changed?: string | undefined;
}

export async function finishLogin(env: LandingEnv, query: CallbackQuery): Promise<LandingAnswer> {
  const { app } = env;
  if (!query.state || !/^[A-Za-z0-9_-]{32}$/.test(query.state)) return { status: 400, kind: 'bad_state' };
  // Used up whatever follows: a replayed or retried callback finds nothing.
  const claim = await claimLoginState(app.db, query.state);
  const now = app.clock.now();
  if (!claim || now.getTime() - claim.createdAt.getTime() > STATE_TTL_MS) return { status: 400, kind: 'bad_state' };
  const route = await findRoute(app.db, claim.inflowRouteId);
  const channel = await channelRow(app, claim.channelId);
  if (!route || !channel) return { status: 404, kind: 'unknown_route' };
  if (route.deletedAt) return { status: 410, kind: 'deleted_route', options: { link: addFriendLink(env, channel) } };
  if (query.error) return { status: 400, kind: 'login_cancelled', options: { link: addFriendLink(env, channel) } };
  const login = loginChannelOf(app, channel);
  if (!login) return { status: 200, kind: 'login_not_set_up', options: { link: addFriendLink(env, channel) } };
  if (!query.code || query.code.length > 200) return { status: 400, kind: 'login_rejected', options: { detail: 'code is missing' } };

  const outcome = await exchangeCode({
    tokenBase: channel.isFake ? env.fakeLineUrl() : (app.config.LINE_API_BASE_URL ?? REAL_API),
    channel: login, code: query.code, redirectUri: callbackUrlOf(env.publicUrl), nonce: claim.nonce, now,
  });
  if (!outcome.ok) {
    if (outcome.reason === 'unreachable') return { status: 502, kind: 'login_unreachable' };
    return { status: 400, kind: 'login_rejected', options: { detail: outcome.reason === 'rejected' ? `${outcome.error}: ${outcome.description}` : 'invalid ID token' } };
  }
  const justFollowed = query.friendship_status_changed === 'true';
  const friend = await app.db.transaction(async (tx) => {
    const existing = await lockFriendByLineUser(tx, channel.id, outcome.userId);
    if (existing && existing.status === 'active') {
      // Already a friend, or (real LINE, bot_prompt) added on the consent screen before this callback:
      // the follow came first and found no pending inflow, so the route is attributed here.
      if (!existing.inflowRouteId) await setFriendRoute(tx, existing.id, route.id);
      await arriveThroughRoute(tx, app.runContext, existing, route.id, justFollowed ? 'follow' : 'landing');
      return existing;
    }
    await savePendingInflow(tx, { workspaceId: route.workspaceId, channelId: channel.id, lineUserId: outcome.userId, inflowRouteId: route.id }, now);
    return undefined;
  });
  if (friend) return { status: 200, kind: 'already_friend', options: { link: openChatLink(env, channel) } };
  if (channel.isFake) return { redirect: fakeAddFriendUrl(env.publicUrl, channel.id, outcome.userId) };
  if (channel.basicId) return { redirect: lineAddFriendUrl(channel.basicId) };
  return { status: 200, kind: 'add_friend' };
}

function channelRow(app: FastifyInstance, channelId: string): Promise<ChannelRow | undefined> {
  return findChannel(app.db, channelId);
}

/**
 * The LINE Login channel to identify people with. The fake-bound channel needs none configured:
 * the built-in fake accepts any client, so it uses the messaging channel's own id and secret.
 */
function loginChannelOf(app: FastifyInstance, channel: ChannelRow): LoginChannel | undefined {
  if (channel.loginChannelId && channel.loginChannelSecretEnc) {
    return { clientId: channel.loginChannelId, clientSecret: app.secretBox.open(channel.loginChannelSecretEnc) };
  }
  return channel.isFake ? { clientId: channel.lineChannelId, clientSecret: app.secretBox.open(channel.channelSecretEnc) } : undefined;
}

const lineAddFriendUrl = (basicId: string) => `https://line.me/R/ti/p/${encodeURIComponent(basicId)}`;

const fakeAddFriendUrl = (publicUrl: string, channelId: string, userId?: string) =>
  `${publicUrl.replace(/\/$/, '')}/r/add-friend/${channelId}${userId ? `?user=${userId}` : ''}`;

function addFriendLink(env: LandingEnv, channel: ChannelRow | undefined): PageOptions['link'] {
  if (!channel) return undefined;
  if (channel.isFake) return { href: fakeAddFriendUrl(env.publicUrl, channel.id), label: ADD_FRIEND_LABEL };
  return channel.basicId ? { href: lineAddFriendUrl(channel.basicId), label: ADD_FRIEND_LABEL } : undefined;
}

function openChatLink(env: LandingEnv, channel: ChannelRow): PageOptions['link'] {
  if (channel.isFake) return undefined;
  return channel.basicId ? { href: lineAddFriendUrl(channel.basicId), label: OPEN_CHAT_LABEL } : undefined;
}
