import { createLineClient } from '../line/client.ts';
import type { LineMessagingPort, ProfileLookup, SendOutcome } from '../line/port.ts';
import type { Message } from '../line/schemas/index.ts';
import { createLineRateLimiter } from '../line/rate-limiter.ts';
import type { CredentialsCache } from '../store/channel-credentials.ts';
import type { SendGateway } from './deliver.ts';

const REAL_LINE_API = 'https://api.line.me';

export interface LineGateway extends SendGateway {
  profile(channelId: string, lineUserId: string): Promise<ProfileLookup>;
}

interface Options {
  /** The process's one credentials cache: a changed access token reaches the client within its TTL. */
  credentials: CredentialsCache;
  /** LINE_API_BASE_URL: every channel talks to this server (a fake LINE in tests and development). */
  apiBaseUrl: string | undefined;
  /** Where the built-in fake LINE server answers for fake-bound channels (its own port). */
  fakeLineUrl: () => string;
  /** How long to wait for LINE before calling the request retryable; default the client's 10 s. */
  timeoutMs?: number;
}

/**
 * One LINE client per channel, created on first use, all sharing a client-side rate limiter keyed
 * by channel that keeps each under LINE's published limits, so 429s are the exception, not the pacing.
 */
export function createLineGateway({ credentials: cache, apiBaseUrl, fakeLineUrl, timeoutMs }: Options): LineGateway {
  const clients = new Map<string, { accessToken: string; port: LineMessagingPort }>();
  const limiter = createLineRateLimiter();

  async function forChannel(channelId: string): Promise<LineMessagingPort> {
    const credentials = await cache.get(channelId);
    if (!credentials) throw new Error(`channel ${channelId} no longer exists`);
    const cached = clients.get(channelId);
    if (cached?.accessToken === credentials.accessToken) return cached.port;
    const baseURL = apiBaseUrl ?? (credentials.isFake ? fakeLineUrl() : REAL_LINE_API);
    const port = createLineClient({ channelAccessToken: credentials.accessToken, channelId, baseURL, limiter, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    clients.set(channelId, { accessToken: credentials.accessToken, port });
    return port;
  }

  return {
    async push(channelId, body, retryKey): Promise<SendOutcome> {
      return (await forChannel(channelId)).push({ to: body.to, messages: body.messages as Message[], retryKey });
    },
    async multicast(channelId, body, retryKey): Promise<SendOutcome> {
      return (await forChannel(channelId)).multicast({ to: body.to, messages: body.messages as Message[], retryKey });
    },
    async profile(channelId, lineUserId) {
      // The follow is recorded without it; ingest/profiles.ts retries what failed.
      const port = await forChannel(channelId);
      const outcome = await port.getProfile(lineUserId);
      switch (outcome.kind) {
        case 'found':
          return { kind: 'found', profile: { displayName: outcome.profile.displayName, pictureUrl: outcome.profile.pictureUrl ?? null } };
        case 'notFound':
          return { kind: 'notFound' };
        case 'rejected':
          // 404 is notFound; any other 4xx (a revoked token, a bad id) will not change by retrying soon.
          return outcome.status === 400 ? { kind: 'notFound' } : { kind: 'failed', reason: `${outcome.status}: ${outcome.reason}` };
        default:
          return { kind: 'failed', reason: outcome.reason };
      }
    },
  };
}
