import { createLineClient } from '../line/client.ts';
import type { LineMessagingPort, ProfileLookup, SendOutcome, UnitStatisticsOutcome } from '../line/port.ts';
import type { Message } from '../line/schemas/index.ts';
import { createSharedRateLimiter } from '../line/rate-limiter.ts';
import type { CredentialsCache } from '../store/channel-credentials.ts';
import { pgBudgetStore } from '../store/rate-budget.ts';
import type { Db } from '../store/tx.ts';
import type { SendGateway } from './deliver.ts';

const REAL_LINE_API = 'https://api.line.me';

export interface LineGateway extends SendGateway {
  profile(channelId: string, lineUserId: string): Promise<ProfileLookup>;
  /** This month's quota of the channel (limit null: none), or null when LINE could not be asked. */
  quota(channelId: string): Promise<{ limit: number | null; used: number; remaining: number | null } | null>;
  /** LINE's insight figures for one customAggregationUnit (dates yyyyMMdd in UTC+9). */
  statisticsPerUnit(channelId: string, unit: string, from: string, to: string): Promise<UnitStatisticsOutcome>;
}

interface Options {
  /** Where LINE's rate budget is kept, shared by every process (line/rate-limiter.ts). */
  db: Db;
  /** The process's one credentials cache: a changed access token reaches the client within its TTL. */
  credentials: CredentialsCache;
  /** LINE_API_BASE_URL: every channel talks to this server (a fake LINE in tests and development). */
  apiBaseUrl: string | undefined;
  /** Where the built-in fake LINE server answers for fake-bound channels (its own port). */
  fakeLineUrl: () => string;
  /** How long to wait for LINE before calling the request retryable; default the client's 10 s. */
  timeoutMs?: number;
}

const units = (body: { customAggregationUnits?: string[] }) => (body.customAggregationUnits ? { customAggregationUnits: body.customAggregationUnits } : {});

/**
 * One LINE client per channel, created on first use, all drawing on the rate budget kept in
 * PostgreSQL per channel and endpoint (sends and profile reads), which every worker process shares:
 * together they keep under LINE's published limits, so 429s are the exception, not the pacing.
 */
export function createLineGateway({ db, credentials: cache, apiBaseUrl, fakeLineUrl, timeoutMs }: Options): LineGateway {
  const clients = new Map<string, { accessToken: string; port: LineMessagingPort }>();
  const limiter = createSharedRateLimiter(pgBudgetStore(db));

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
      return (await forChannel(channelId)).push({ to: body.to, messages: body.messages as Message[], retryKey, ...units(body) });
    },
    async multicast(channelId, body, retryKey): Promise<SendOutcome> {
      return (await forChannel(channelId)).multicast({ to: body.to, messages: body.messages as Message[], retryKey, ...units(body) });
    },
    async statisticsPerUnit(channelId, unit, from, to) {
      return (await forChannel(channelId)).statisticsPerUnit(unit, from, to);
    },
    async quota(channelId) {
      const outcome = await (await forChannel(channelId)).getQuota();
      if (outcome.kind === 'failed') return null;
      return { limit: outcome.limit, used: outcome.used, remaining: outcome.limit === null ? null : Math.max(0, outcome.limit - outcome.used) };
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
