import type { Channel, SaveChannelLoginBody } from '@lsb/shared/api';
import type { SecretBox } from '../crypto/secrets.ts';
import { findChannel, updateChannel } from '../store/channels.ts';
import type { Db } from '../store/tx.ts';
import { toChannel } from '../services/channels.ts';
import { badRequest, notFound } from '../errors.ts';

/**
 * A channel's LINE Login settings (login channel ID + secret, the account's basic ID). The secret
 * is sealed like the other credentials; leaving it out keeps the stored one.
 */
export async function saveChannelLogin(db: Db, box: SecretBox, workspaceId: string, channelId: string, body: SaveChannelLoginBody, publicUrl: string): Promise<Channel> {
  const row = await findChannel(db, channelId, workspaceId);
  if (!row) throw notFound('channel');
  if (!body.loginChannelSecret && !row.loginChannelSecretEnc) {
    throw badRequest('login_secret_required', 'Enter the LINE Login channel secret.');
  }
  const updated = await updateChannel(db, workspaceId, row.id, {
    loginChannelId: body.loginChannelId,
    ...(body.loginChannelSecret ? { loginChannelSecretEnc: box.seal(body.loginChannelSecret) } : {}),
    ...(body.basicId !== undefined ? { basicId: body.basicId } : {}),
  });
  return toChannel(updated!, box, publicUrl);
}

export async function clearChannelLogin(db: Db, box: SecretBox, workspaceId: string, channelId: string, publicUrl: string): Promise<Channel> {
  const updated = await updateChannel(db, workspaceId, channelId, { loginChannelId: null, loginChannelSecretEnc: null, basicId: null });
  if (!updated) throw notFound('channel');
  return toChannel(updated, box, publicUrl);
}
