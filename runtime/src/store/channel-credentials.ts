import { eq } from 'drizzle-orm';
import type { SecretBox } from '../crypto/secrets.ts';
import { channels } from '../db/schema/index.ts';
import type { Db } from './tx.ts';

export interface ChannelCredentials {
  id: string;
  workspaceId: string;
  isFake: boolean;
  channelSecret: string;
  accessToken: string;
}

/** How long a channel's decrypted credentials are kept. */
export const CREDENTIALS_TTL_MS = 30_000;

export interface CredentialsCache {
  /** The channel's decrypted credentials (for the webhook check and the LINE client only; never sent to a client). */
  get(channelId: string): Promise<ChannelCredentials | undefined>;
  /** Drops the channel's entry: called when this process changes or deletes the channel. */
  forget(channelId: string): void;
}

/**
 * The one cache of channel credentials (webhook signatures, LINE clients, the simulator). One rule:
 * an entry, found or not, lives CREDENTIALS_TTL_MS; a change made through this process forgets it at
 * once, and other processes see it within the TTL. At thousands of webhook posts a second a query
 * and a decryption per post would be most of the work.
 */
export function createCredentialsCache(db: Db, box: SecretBox, now: () => number = Date.now): CredentialsCache {
  const cache = new Map<string, { value: ChannelCredentials | undefined; until: number }>();
  return {
    async get(channelId) {
      const hit = cache.get(channelId);
      if (hit && hit.until > now()) return hit.value;
      const value = await loadCredentials(db, box, channelId);
      cache.set(channelId, { value, until: now() + CREDENTIALS_TTL_MS });
      return value;
    },
    forget(channelId) {
      cache.delete(channelId);
    },
  };
}

async function loadCredentials(db: Db, box: SecretBox, channelId: string): Promise<ChannelCredentials | undefined> {
  const [row] = await db.select().from(channels).where(eq(channels.id, channelId));
  if (!row) return undefined;
  return { id: row.id, workspaceId: row.workspaceId, isFake: row.isFake, channelSecret: box.open(row.channelSecretEnc), accessToken: box.open(row.accessTokenEnc) };
}
