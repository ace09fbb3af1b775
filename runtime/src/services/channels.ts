import { randomBytes, randomInt } from 'node:crypto';
import type { Channel, CreateChannelBody } from '@lsb/shared/api';
import type { SecretBox } from '../crypto/secrets.ts';
import { hintOf } from '../crypto/secrets.ts';
import { deleteChannelRow, insertChannel, listChannelRows, type ChannelRow } from '../store/channels.ts';
import type { Db } from '../store/tx.ts';
import { notFound } from '../errors.ts';
import { runtimeT } from '../i18n/index.ts';


export function webhookUrlOf(publicUrl: string, channelId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/webhooks/line/${channelId}`;
}

export function toChannel(row: ChannelRow, box: SecretBox, publicUrl: string): Channel {
  return {
    id: row.id,
    workspaceId: row.workspaceId,
    name: row.name,
    lineChannelId: row.lineChannelId,
    isFake: row.isFake,
    channelSecretHint: hintOf(box.open(row.channelSecretEnc)),
    accessTokenHint: hintOf(box.open(row.accessTokenEnc)),
    webhookUrl: webhookUrlOf(publicUrl, row.id),
    login: row.loginChannelId && row.loginChannelSecretEnc
      ? { loginChannelId: row.loginChannelId, loginChannelSecretHint: hintOf(box.open(row.loginChannelSecretEnc)), basicId: row.basicId }
      : null,
    loginCallbackUrl: `${publicUrl.replace(/\/$/, '')}/r/callback`,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function createChannel(db: Db, box: SecretBox, workspaceId: string, body: CreateChannelBody, publicUrl: string): Promise<Channel> {
  const row = await insertChannel(db, {
      workspaceId,
      name: body.name,
      lineChannelId: body.lineChannelId,
      channelSecretEnc: box.seal(body.channelSecret),
      accessTokenEnc: box.seal(body.channelAccessToken),
      ...(body.login?.loginChannelSecret ? {
        loginChannelId: body.login.loginChannelId, loginChannelSecretEnc: box.seal(body.login.loginChannelSecret), basicId: body.login.basicId ?? null,
      } : {}),
    });
  return toChannel(row, box, publicUrl);
}

/** A channel bound to the built-in fake LINE server, so a workspace works with no LINE account. */
export async function createFakeChannel(db: Db, box: SecretBox, workspaceId: string, publicUrl: string): Promise<Channel> {
  const row = await insertChannel(db, {
      workspaceId,
      name: runtimeT()('demo.channel'),
      lineChannelId: String(2_000_000_000 + randomInt(0, 99_999_999)),
      channelSecretEnc: box.seal(randomBytes(16).toString('hex')),
      accessTokenEnc: box.seal(randomBytes(40).toString('base64url')),
      isFake: true,
    });
  return toChannel(row, box, publicUrl);
}

export async function listChannels(db: Db, box: SecretBox, workspaceId: string, publicUrl: string): Promise<Channel[]> {
  const rows = await listChannelRows(db, workspaceId);
  return rows.map((row) => toChannel(row, box, publicUrl));
}

export async function deleteChannel(db: Db, workspaceId: string, channelId: string): Promise<{ name: string; lineChannelId: string }> {
  const deleted = await deleteChannelRow(db, workspaceId, channelId);
  if (!deleted) throw notFound('channel');
  return deleted;
}
