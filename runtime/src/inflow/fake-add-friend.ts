import type { FastifyInstance } from 'fastify';
import { findChannel } from '../store/channels.ts';
import { followEvent, isUserId } from '../line/fake/index.ts';
import { postSignedWebhook } from '../simulator/virtual-friends.ts';
import type { LandingAnswer } from './landing.ts';
import { escapeHtml, OPEN_SIMULATOR_LABEL } from './pages.ts';

/**
 * The fake LINE channel's add-friend page (what line.me/R/ti/p/@id is for a real account): the
 * button makes the virtual user follow through a signed webhook, exactly as LINE would send it.
 */

async function fakeChannel(app: FastifyInstance, channelId: string) {
  const channel = await findChannel(app.db, channelId);
  return channel?.isFake ? channel : undefined;
}

export async function showFakeAddFriend(app: FastifyInstance, channelId: string, userId: string | undefined): Promise<LandingAnswer> {
  const channel = await fakeChannel(app, channelId);
  if (!channel) return { status: 404, kind: 'unknown_route' };
  const user = userId && isUserId(userId) ? app.fakeLine.users.get(userId) : undefined;
  const who = user
    ? `<p data-testid="fake-add-friend-user">${escapeHtml(user.displayName)}</p><input type="hidden" name="userId" value="${escapeHtml(user.userId)}">`
    : '<p><label>表示名 / Display name <input name="displayName" required maxlength="20" data-testid="fake-add-friend-name"></label></p>';
  const form = `<form method="post">
<p><strong>${escapeHtml(channel.name)}</strong></p>${who}
<button data-testid="fake-add-friend-button">友だち追加 / Add friend</button></form>`;
  return { status: 200, kind: 'fake_add_friend', options: { extra: form } };
}

export async function followOnFake(app: FastifyInstance, channelId: string, form: { userId?: string; displayName?: string }): Promise<LandingAnswer> {
  const channel = await fakeChannel(app, channelId);
  if (!channel) return { status: 404, kind: 'unknown_route' };
  const known = form.userId && isUserId(form.userId) ? app.fakeLine.users.get(form.userId) : undefined;
  const name = form.displayName?.trim().slice(0, 20);
  if (!known && !name) return showFakeAddFriend(app, channelId, undefined);
  const userId = known?.userId ?? app.fakeLine.users.register({ displayName: name! }).userId;
  app.fakeLine.users.setBlocked(userId, false);
  await postSignedWebhook(app, channel.id, [followEvent({ userId, timestamp: app.clock.now().getTime() })]);
  return {
    status: 200, kind: 'fake_followed',
    options: { link: { href: `/workspaces/${channel.workspaceId}/simulator`, label: OPEN_SIMULATOR_LABEL } },
  };
}
