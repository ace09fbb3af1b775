import { randomBytes, randomInt } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { Channel, CreateChannelBody } from '@lsb/shared/api';
import type { SecretBox } from '../crypto/secrets.ts';
import { hintOf } from '../crypto/secrets.ts';
import type { Db } from '../db/pool.ts';
import { channels } from '../db/schema/index.ts';
import { notFound } from '../errors.ts';
import { runtimeT } from '../i18n/index.ts';

type ChannelRow = typeof channels.$inferSelect;


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
  const [row] = await db
    .insert(channels)
    .values({
      workspaceId,
      name: body.name,
      lineChannelId: body.lineChannelId,
      channelSecretEnc: box.seal(body.channelSecret),
      accessTokenEnc: box.seal(body.channelAccessToken),
      ...(body.login?.loginChannelSecret ? {
        loginChannelId: body.login.loginChannelId, loginChannelSecretEnc: box.seal(body.login.loginChannelSecret), basicId: body.login.basicId ?? null,
      } : {}),
    })
    .returning();
  return toChannel(row!, box, publicUrl);
}

/** A channel bound to the built-in fake LINE server, so a workspace works with no LINE account. */
export async function createFakeChannel(db: Db, box: SecretBox, workspaceId: string, publicUrl: string): Promise<Channel> {
  const [row] = await db
    .insert(channels)
    .values({
      workspaceId,
      name: runtimeT()('demo.channel'),
      lineChannelId: String(2_000_000_000 + randomInt(0, 99_999_999)),
      channelSecretEnc: box.seal(randomBytes(16).toString('hex')),
      accessTokenEnc: box.seal(randomBytes(40).toString('base64url')),
      isFake: true,
    })
    .returning();
  return toChannel(row!, box, publicUrl);
}

export async function listChannels(db: Db, box: SecretBox, workspaceId: string, publicUrl: string): Promise<Channel[]> {
  const rows = await db.select().from(channels).where(eq(channels.workspaceId, workspaceId)).orderBy(asc(channels.createdAt));
  return rows.map((row) => toChannel(row, box, publicUrl));
}

export async function deleteChannel(db: Db, workspaceId: string, channelId: string): Promise<{ name: string; lineChannelId: string }> {
  const [deleted] = await db.delete(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)))
    .returning({ name: channels.name, lineChannelId: channels.lineChannelId });
  if (!deleted) throw notFound('channel');
  return deleted;
}
