import type { LineErrorDetail, Message, SentMessage, UserProfile } from './schemas/index.ts';

/** What the runtime keeps of a LINE profile. */
export interface LineProfile {
  displayName: string;
  pictureUrl?: string | null;
}

/**
 * LINE's answer to a profile request: the profile, "no such friend" (never added, or blocked us:
 * final), or a failure worth retrying (5xx, 429, timeout, network).
 */
export type ProfileLookup =
  | { kind: 'found'; profile: LineProfile }
  | { kind: 'notFound' }
  | { kind: 'failed'; reason: string };

/**
 * The runtime's port to LINE. Every call ends in a value, never a throw, so the outbox can decide
 * from the outcome alone: mark sent, retry with the same body and key, back off, or fail the send.
 */

export interface PushRequest {
  to: string;
  messages: Message[];
  /** From retryKeyFor(run, node, visit): a retry after a crash reuses it, so LINE never sends twice. */
  retryKey: string;
  notificationDisabled?: boolean;
  customAggregationUnits?: string[];
}

export interface MulticastRequest extends Omit<PushRequest, 'to'> {
  /** 1..500 user ids. */
  to: string[];
}

export type SendOutcome =
  /** LINE took it; push answers with the message ids. */
  | { kind: 'accepted'; sentMessages?: SentMessage[] }
  /** 409: an earlier request with this retry key was accepted, so this send is done. */
  | { kind: 'alreadyAccepted'; sentMessages?: SentMessage[] }
  /** 5xx, timeout or network failure: retry later with the identical body and key. */
  | { kind: 'retryable'; reason: string; status?: number }
  /** 429: back off. `monthlyLimit` will not clear until the quota does; the rest clears in seconds. */
  | { kind: 'rateLimited'; reason: string; scope: 'rate' | 'monthlyLimit' | 'other' }
  /** Any other 4xx: the send failed; `reason` is LINE's words for the friend's timeline. */
  | { kind: 'rejected'; status: number; reason: string; details?: LineErrorDetail[] };

export type ProfileOutcome =
  | { kind: 'found'; profile: UserProfile }
  /** Not a friend (never added, or blocked us). */
  | { kind: 'notFound' }
  | Extract<SendOutcome, { kind: 'retryable' | 'rateLimited' | 'rejected' }>;

/**
 * GET /v2/bot/insight/message/event/aggregation for one unit and a date range (yyyyMMdd, UTC+9, at
 * most 30 days): LINE's figures, null where it withholds numbers below its privacy threshold.
 */
export type UnitStatisticsOutcome =
  | { kind: 'found'; uniqueImpression: number | null; uniqueClick: number | null; impression: number | null }
  | { kind: 'failed'; reason: string };

export interface LineMessagingPort {
  push(request: PushRequest): Promise<SendOutcome>;
  multicast(request: MulticastRequest): Promise<SendOutcome>;
  getProfile(userId: string): Promise<ProfileOutcome>;
  statisticsPerUnit(unit: string, from: string, to: string): Promise<UnitStatisticsOutcome>;
}
