import type { SecretBox } from '../crypto/secrets.ts';
import type { Db } from '../db/pool.ts';
import { channelCredentials, type ChannelCredentials } from '../services/channels.ts';

const TTL_MS = 30_000;

/**
 * Decrypted channel credentials, kept for a few seconds: at thousands of webhook posts a second a
 * query and a decryption per post would be most of the work. A deleted channel stops working
 * within the TTL.
 */
export function channelSecrets(db: Db, box: SecretBox) {
  const cache = new Map<string, { value: ChannelCredentials | undefined; until: number }>();
  return {
    async get(channelId: string): Promise<ChannelCredentials | undefined> {
      const hit = cache.get(channelId);
      if (hit && hit.until > Date.now()) return hit.value;
      const value = await channelCredentials(db, box, channelId);
      cache.set(channelId, { value, until: Date.now() + TTL_MS });
      return value;
    },
  };
}
