import { createHash } from 'node:crypto';
import { messagingApi } from '@line/bot-sdk';
import { callLine, LineTimeoutError, type LineCall } from './http.ts';
import { outcomeOfFailure } from './outcome.ts';
import type { LineMessagingPort, MulticastRequest, ProfileOutcome, PushRequest, QuotaOutcome, SendOutcome, UnitStatisticsOutcome } from './port.ts';
import type { LineRateLimiter } from './rate-limiter.ts';
import type { UserProfile } from './schemas/index.ts';

/**
 * The port. Sends and profile reads, made once per friend, go through `callLine` (undici; see
 * http.ts for why); the quota, read when a person opens a page, through @line/bot-sdk's client.
 */

export interface LineClientOptions {
  channelAccessToken: string;
  /** Keys the rate limiter; defaults to a per-token key. */
  channelId?: string;
  /** An origin such as LINE_API_BASE_URL; the SDK ignores any path. Default: LINE's own API. */
  baseURL?: string;
  /** Give up waiting after this long and report a retryable timeout; default 10 s. */
  timeoutMs?: number;
  limiter?: LineRateLimiter;
}

export const DEFAULT_LINE_TIMEOUT_MS = 10_000;

export function createLineClient(options: LineClientOptions): LineMessagingPort {
  const sdk = new messagingApi.MessagingApiClient({
    channelAccessToken: options.channelAccessToken,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_LINE_TIMEOUT_MS;
  const call: LineCall = { baseURL: options.baseURL ?? 'https://api.line.me', channelAccessToken: options.channelAccessToken, timeoutMs };
  const channelId = options.channelId ?? `token:${createHash('sha256').update(options.channelAccessToken).digest('hex').slice(0, 16)}`;

  async function send(endpoint: 'push' | 'multicast', body: object, retryKey: string): Promise<SendOutcome> {
    await options.limiter?.acquire(channelId, endpoint);
    try {
      const response = await callLine(call, 'POST', `/v2/bot/message/${endpoint}`, { body, retryKey }) as { sentMessages?: unknown };
      const sentMessages = Array.isArray(response.sentMessages) ? response.sentMessages as Array<{ id: string; quoteToken?: string }> : undefined;
      return { kind: 'accepted', ...(sentMessages ? { sentMessages } : {}) };
    } catch (error) {
      return outcomeOfFailure(error);
    }
  }

  return {
    push(request: PushRequest) {
      return send('push', { to: request.to, messages: request.messages, ...optionalSendFields(request) }, request.retryKey);
    },

    multicast(request: MulticastRequest) {
      return send('multicast', { to: request.to, messages: request.messages, ...optionalSendFields(request) }, request.retryKey);
    },

    async statisticsPerUnit(unit: string, from: string, to: string): Promise<UnitStatisticsOutcome> {
      const query = new URLSearchParams({ customAggregationUnit: unit, from, to });
      try {
        const body = await callLine(call, 'GET', `/v2/bot/insight/message/event/aggregation?${query}`) as { overview?: { uniqueImpression?: number | null; uniqueClick?: number | null }; messages?: Array<{ impression?: number | null }> };
        const impressions = (body.messages ?? []).map((m) => m.impression ?? null);
        return {
          kind: 'found',
          uniqueImpression: body.overview?.uniqueImpression ?? null,
          uniqueClick: body.overview?.uniqueClick ?? null,
          // A bubble withheld makes the sum unknown.
          impression: impressions.length === 0 || impressions.includes(null) ? null : impressions.reduce<number>((sum, n) => sum + (n ?? 0), 0),
        };
      } catch (error) {
        return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
      }
    },

    async getProfile(userId: string): Promise<ProfileOutcome> {
      await options.limiter?.acquire(channelId, 'profile');
      try {
        const profile = await callLine(call, 'GET', `/v2/bot/profile/${encodeURIComponent(userId)}`);
        return { kind: 'found', profile: profile as UserProfile };
      } catch (error) {
        const outcome = outcomeOfFailure(error);
        if (outcome.kind === 'rejected' && outcome.status === 404) return { kind: 'notFound' };
        if (outcome.kind === 'alreadyAccepted') return { kind: 'rejected', status: 409, reason: 'unexpected 409' };
        return outcome;
      }
    },

    async getQuota(): Promise<QuotaOutcome> {
      try {
        const [quota, consumption] = await Promise.all([withTimeout(sdk.getMessageQuota(), timeoutMs), withTimeout(sdk.getMessageQuotaConsumption(), timeoutMs)]);
        return { kind: 'found', limit: quota.type === 'limited' ? (quota.value ?? 0) : null, used: consumption.totalUsage };
      } catch (error) {
        const outcome = outcomeOfFailure(error);
        return { kind: 'failed', reason: 'reason' in outcome ? outcome.reason : outcome.kind };
      }
    },
  };
}

function optionalSendFields(request: Pick<PushRequest, 'notificationDisabled' | 'customAggregationUnits'>) {
  return {
    ...(request.notificationDisabled === undefined ? {} : { notificationDisabled: request.notificationDisabled }),
    ...(request.customAggregationUnits === undefined ? {} : { customAggregationUnits: request.customAggregationUnits }),
  };
}

/**
 * The SDK takes no AbortSignal, so the wait is cut short here; the request itself is left to finish
 * or fail on its own. The outcome is retryable, and the retry key makes the retry safe either way.
 */
function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new LineTimeoutError(timeoutMs)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
