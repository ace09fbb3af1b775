import type { SecretBox } from '../crypto/secrets.ts';
import type { Db } from '../db/pool.ts';
import { createLineClient } from '../line/client.ts';
import type { LineMessagingPort, LineProfile, SendOutcome } from '../line/port.ts';
import type { Message } from '../line/schemas/index.ts';
import { createSharedRateLimiter } from '../line/rate-limiter.ts';
import { pgBudgetStore } from '../store/rate-budget.ts';
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
  /** How long to wait for LINE before calling the request retryable; default the client's 10 s. */
  timeoutMs?: number;
}

/**
 * One LINE client per channel, created on first use, all drawing on the rate budget kept in
 * PostgreSQL per channel and endpoint, which every worker process shares: together they keep under
 * LINE's published limits, so 429s are the exception, not the pacing.
 */
export function createLineGateway({ db, box, apiBaseUrl, ownBaseUrl, timeoutMs }: Options): LineGateway {
  const clients = new Map<string, LineMessagingPort>();
  const limiter = createSharedRateLimiter(pgBudgetStore(db));

  async function forChannel(channelId: string): Promise<LineMessagingPort> {
    const cached = clients.get(channelId);
    if (cached) return cached;
    const credentials = await channelCredentials(db, box, channelId);
    if (!credentials) throw new Error(`channel ${channelId} no longer exists`);
    const baseURL = apiBaseUrl ?? (credentials.isFake ? ownBaseUrl() : REAL_LINE_API);
    const port = createLineClient({ channelAccessToken: credentials.accessToken, channelId, baseURL, limiter, ...(timeoutMs === undefined ? {} : { timeoutMs }) });
    clients.set(channelId, port);
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
      // A profile is nice to have; the follow must be recorded without it.
      const port = await forChannel(channelId);
      const outcome = await port.getProfile(lineUserId);
      return outcome.kind === 'found' ? { displayName: outcome.profile.displayName, pictureUrl: outcome.profile.pictureUrl ?? null } : null;
    },
  };
}
