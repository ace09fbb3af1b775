import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Message, SentMessage } from '../schemas/index.ts';
import { lineValidationErrorBody, validateSendRequest, type SendEndpoint } from '../schemas/index.ts';
import { AggregationUnits } from './aggregation-units.ts';
import { ChannelRegistry, type FakeChannel, type FakeChannelConfig } from './channels.ts';
import { FailureQueue } from './failures.ts';
import { InsightLog } from './insight.ts';
import { LINE_ERRORS } from './line-errors.ts';
import { FakeLogin } from './login.ts';
import { LINE_RATE_LIMITS, RateWindows, type RateLimit, type RateLimitedEndpoint } from './rate-windows.ts';
import { RequestLog, type LoggedRequest } from './request-log.ts';
import { isRetryKey, RetryKeyStore, type AcceptedRequest } from './retry-keys.ts';
import { isUserId, UserDirectory, type DeliveryVia } from './users.ts';

/**
 * The fake LINE platform's state and rules, independent of HTTP: routes hand it a channel, a parsed
 * body and a retry key, and send back what it answers.
 */

export interface FakeLineOptions {
  /** Milliseconds since the epoch; inject to control retry-key expiry and rate windows. */
  now?: () => number;
  /** Accepted channels; none means any bearer token is accepted as its own channel. */
  channels?: FakeChannelConfig[];
  rateLimits?: Partial<Record<RateLimitedEndpoint, RateLimit>>;
  /** Messages a channel may send before 429 "monthly limit"; unset means no limit. */
  monthlyLimit?: number;
  /** How many recent requests `GET /fake-line/requests` keeps; default 1,000. */
  requestLogSize?: number;
}

export interface FakeAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

const REPLY_TOKEN_TTL_MS = 60_000;
/** Messages LINE can quote later, so a push or reply returns a quote token for them. */
const quotable = new Set<Message['type']>(['text', 'textV2', 'sticker', 'image', 'video']);
const chatId = /^[URC][0-9a-f]{32}$/;

export class FakeLine {
  readonly now: () => number;
  readonly users = new UserDirectory();
  readonly channels: ChannelRegistry;
  readonly failures = new FailureQueue();
  /** Deliveries under a customAggregationUnit, for the insight API (insight.ts). */
  readonly insight = new InsightLog();
  /** Which unit names a channel may still use this month, and whether at all. */
  readonly units = new AggregationUnits();
  readonly requests: RequestLog;
  /** LINE Login v2.1: codes, tokens and ID tokens (login.ts). */
  readonly login: FakeLogin;
  private readonly retryKeys = new RetryKeyStore();
  private readonly rateWindows: RateWindows;
  private readonly replyTokens = new Map<string, { userId: string; channelId: string; issuedAt: number }>();
  private readonly consumption = new Map<string, number>();
  private nextMessageId = 600_000_000_000_000_000n;
  private monthlyLimitValue: number | undefined;

  constructor(private readonly options: FakeLineOptions = {}) {
    this.now = options.now ?? Date.now;
    this.channels = new ChannelRegistry(options.channels);
    this.login = new FakeLogin(this.now);
    this.rateWindows = new RateWindows({ ...LINE_RATE_LIMITS, ...options.rateLimits });
    this.requests = new RequestLog(options.requestLogSize ?? 1000);
    this.monthlyLimitValue = options.monthlyLimit;
  }

  /** Counts a request against its endpoint's limit; false means answer 429. */
  admit(channel: FakeChannel, endpoint: RateLimitedEndpoint): boolean {
    return this.rateWindows.admit(channel.channelId, endpoint, this.now());
  }

  send(endpoint: SendEndpoint, channel: FakeChannel, body: unknown, retryKey: string | undefined): FakeAnswer {
    const answer = this.answerSend(endpoint, channel, body, endpoint === 'reply' ? undefined : retryKey);
    const headers = { 'x-line-request-id': randomUUID(), ...answer.headers };
    this.requests.add({
      at: new Date(this.now()).toISOString(), endpoint, channelId: channel.channelId, status: answer.status,
      ...(retryKey === undefined ? {} : { retryKey }), ...answer.logged,
    });
    if (answer.accept) this.retryKeys.remember(channel.channelId, answer.accept.retryKey, { ...answer.accept, requestId: headers['x-line-request-id'] });
    return { status: answer.status, body: answer.body, headers };
  }

  /** Messages delivered this month (UTC month of the fake's clock), as LINE's consumption endpoint counts them. */
  consumed(channel: FakeChannel): number {
    return this.consumption.get(this.consumptionKey(channel)) ?? 0;
  }

  get monthlyLimit(): number | undefined {
    return this.monthlyLimitValue;
  }

  /** A test setting: the monthly quota (undefined: none), as LINE's quota endpoint reports it. */
  setMonthlyLimit(limit: number | undefined): void {
    this.monthlyLimitValue = limit;
  }

  private consumptionKey(channel: FakeChannel): string {
    return `${channel.channelId}|${new Date(this.now()).toISOString().slice(0, 7)}`;
  }

  /** A reply token as a webhook event carries it: one use, within a minute. */
  issueReplyToken(userId: string, channelId: string): string {
    const token = randomBytes(16).toString('hex');
    this.replyTokens.set(token, { userId, channelId, issuedAt: this.now() });
    return token;
  }

  reset(): void {
    this.users.reset();
    this.failures.reset();
    this.requests.reset();
    this.retryKeys.reset();
    this.rateWindows.reset();
    this.replyTokens.clear();
    this.consumption.clear();
    this.insight.reset();
    this.units.reset();
    this.login.reset();
  }

  private answerSend(endpoint: SendEndpoint, channel: FakeChannel, rawBody: unknown, retryKey: string | undefined): SendOutcome {
    const now = this.now();
    if (retryKey !== undefined && !isRetryKey(retryKey)) return refuse(400, LINE_ERRORS.invalidRetryKey);
    const validation = validateSendRequest[endpoint](rawBody);
    if (!validation.ok) return refuse(400, lineValidationErrorBody(validation.details));
    const body = validation.value;
    const fingerprint = createHash('sha256').update(JSON.stringify(body)).digest('base64url');
    const earlier = retryKey === undefined ? undefined : this.retryKeys.find(channel.channelId, retryKey, now);
    if (earlier) {
      return {
        status: 409,
        body: { ...LINE_ERRORS.retryKeyAccepted, ...(earlier.sentMessages ? { sentMessages: earlier.sentMessages } : {}) },
        headers: { 'x-line-accepted-request-id': earlier.requestId },
        logged: { sameBodyAsAccepted: earlier.bodyFingerprint === fingerprint },
      };
    }
    const recipients = this.recipientsOf(endpoint, body, channel, now);
    if ('refusal' in recipients) return refuse(400, recipients.refusal);
    const unit = ((body as { customAggregationUnits?: string[] }).customAggregationUnits)?.[0];
    const unitRefusal = unit === undefined ? undefined : this.units.refusal(channel.channelId, unit, now);
    if (unitRefusal) return refuse(unitRefusal.status, unitRefusal.body);
    const limit = this.monthlyLimitValue;
    const used = this.consumed(channel);
    if (limit !== undefined && used + recipients.userIds.length > limit) return refuse(429, LINE_ERRORS.monthlyLimit);
    this.consumption.set(this.consumptionKey(channel), used + recipients.userIds.length);

    const sentMessages = this.deliver(endpoint, channel, body.messages, recipients.userIds, {
      notificationDisabled: body.notificationDisabled ?? false, retryKey, now,
    });
    if (unit !== undefined) {
      this.units.record(channel.channelId, unit, now);
      this.insight.record(channel.channelId, unit, recipients.userIds.filter((u) => !this.users.isBlocked(u)), body.messages.length, now);
    }
    const status = endpoint === 'narrowcast' ? 202 : 200;
    const responseBody = endpoint === 'push' || endpoint === 'reply' ? { sentMessages } : {};
    return {
      status,
      body: responseBody,
      headers: {},
      logged: { recipients: recipients.userIds.length, messages: body.messages.length },
      ...(retryKey === undefined ? {} : {
        accept: { retryKey, acceptedAt: now, bodyFingerprint: fingerprint, ...(endpoint === 'push' ? { sentMessages } : {}) },
      }),
    };
  }

  private recipientsOf(endpoint: SendEndpoint, body: Record<string, unknown>, channel: FakeChannel, now: number):
    { userIds: string[] } | { refusal: { message: string } } {
    switch (endpoint) {
      case 'push': {
        const to = body.to as string;
        return chatId.test(to) ? { userIds: [to] } : { refusal: LINE_ERRORS.invalidProperty("'to'") };
      }
      case 'multicast': {
        const to = body.to as string[];
        const bad = to.findIndex((userId) => !isUserId(userId));
        return bad >= 0 ? { refusal: LINE_ERRORS.invalidProperty(`to[${bad}]`) } : { userIds: [...new Set(to)] };
      }
      case 'reply': {
        const token = this.replyTokens.get(body.replyToken as string);
        this.replyTokens.delete(body.replyToken as string);
        const valid = token && token.channelId === channel.channelId && now - token.issuedAt < REPLY_TOKEN_TTL_MS;
        return valid ? { userIds: [token.userId] } : { refusal: LINE_ERRORS.invalidReplyToken };
      }
      case 'broadcast':
        return { userIds: this.users.reachable() };
      case 'narrowcast':
        // Audiences and demographics live on LINE's side; the fake accepts the request and reaches nobody.
        return { userIds: [] };
    }
  }

  private deliver(
    via: DeliveryVia, channel: FakeChannel, messages: Message[], userIds: string[],
    context: { notificationDisabled: boolean; retryKey: string | undefined; now: number },
  ): SentMessage[] {
    const receivedAt = new Date(context.now).toISOString();
    // Quote tokens are only ever returned by push and reply; minting them for a million multicast
    // recipients would cost the cohort benchmark time for nothing.
    const withQuoteTokens = via === 'push' || via === 'reply';
    let sent: SentMessage[] = [];
    for (const userId of userIds) {
      sent = messages.map((message) => ({
        id: String(this.nextMessageId++),
        ...(withQuoteTokens && quotable.has(message.type) ? { quoteToken: randomBytes(12).toString('base64url') } : {}),
      }));
      if (this.users.isBlocked(userId)) continue;
      messages.forEach((message, index) => this.users.deliver({
        ...(sent[index] as SentMessage), userId, channelId: channel.channelId, via, receivedAt,
        notificationDisabled: context.notificationDisabled, message,
        ...(context.retryKey === undefined ? {} : { retryKey: context.retryKey }),
      }));
    }
    return sent;
  }
}

interface SendOutcome {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  logged: Partial<LoggedRequest>;
  /** Set when the request was accepted under a retry key, which it then consumes. */
  accept?: Omit<AcceptedRequest, 'requestId'> & { retryKey: string };
}

function refuse(status: number, body: unknown): SendOutcome {
  return { status, body, headers: {}, logged: {} };
}
