import type { SecretBox } from '../crypto/secrets.ts';
import type { Db } from '../db/pool.ts';
import { createLineClient, type LineMessagingPort, type SendOutcome } from '../line/client.ts';
import { createChannelRateLimiter, type ChannelRateLimiter } from '../line/rate-limiter.ts';
import type { LineProfile } from '../runs/context.ts';
import { channelCredentials } from '../services/channels.ts';
import type { SendGateway } from './deliver.ts';

const REAL_LINE_API = 'https://api.line.me';

export interface LineGateway extends SendGateway {
  profile(channelId: string, lineUserId: string): Promise<LineProfile | null>;
}

interface Options {
  db: Db;
  box: SecretBox;
  /** LINE_API_BASE_URL: every channel talks to this server (a fake LINE in tests and development). */
  apiBaseUrl: string | undefined;
  /** The runtime's own origin, where the built-in fake LINE server answers for fake-bound channels. */
  ownBaseUrl: () => string;
}

/**
 * One LINE client and one client-side rate limiter per channel, created on first use. The limiter
 * keeps each channel under LINE's published limits so that 429s are the exception, not the pacing.
 */
export function createLineGateway({ db, box, apiBaseUrl, ownBaseUrl }: Options): LineGateway {
  const clients = new Map<string, { port: LineMessagingPort; limiter: ChannelRateLimiter }>();

  async function forChannel(channelId: string) {
    const cached = clients.get(channelId);
    if (cached) return cached;
    const credentials = await channelCredentials(db, box, channelId);
    if (!credentials) throw new Error(`channel ${channelId} no longer exists`);
    const baseURL = apiBaseUrl ?? (credentials.isFake ? ownBaseUrl() : REAL_LINE_API);
    const entry = { port: createLineClient({ channelAccessToken: credentials.accessToken, baseURL }), limiter: createChannelRateLimiter() };
    clients.set(channelId, entry);
    return entry;
  }

  return {
    async push(channelId, body, retryKey): Promise<SendOutcome> {
      const { port, limiter } = await forChannel(channelId);
      await limiter.acquire('push');
      return port.push({ to: body.to, messages: body.messages, retryKey });
    },
    async multicast(channelId, body, retryKey): Promise<SendOutcome> {
      const { port, limiter } = await forChannel(channelId);
      await limiter.acquire('multicast');
      return port.multicast({ to: body.to, messages: body.messages, retryKey });
    },
    async profile(channelId, lineUserId) {
      try {
        const { port } = await forChannel(channelId);
        const profile = await port.getProfile(lineUserId);
        return profile ? { displayName: profile.displayName, pictureUrl: profile.pictureUrl ?? null } : null;
      } catch {
        return null; // a profile is nice to have; the follow must be recorded without it
      }
    },
  };
}
