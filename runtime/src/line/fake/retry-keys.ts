import type { SentMessage } from '../schemas/index.ts';

/**
 * Accepted `X-Line-Retry-Key`s, per channel, for 24 hours. Only accepted requests consume a key, so a
 * request that failed (400, 429, 5xx) may be retried with the same key.
 */

export const RETRY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface AcceptedRequest {
  acceptedAt: number;
  requestId: string;
  /** Push answers a repeat with the messages the first request sent. */
  sentMessages?: SentMessage[];
  /** Lets tests see whether a retry carried the identical body, as LINE requires. */
  bodyFingerprint: string;
}

export class RetryKeyStore {
  private readonly accepted = new Map<string, AcceptedRequest>();
  private insertsSincePrune = 0;

  find(channel: string, retryKey: string, now: number): AcceptedRequest | undefined {
    const key = `${channel}\u0000${retryKey.toLowerCase()}`;
    const entry = this.accepted.get(key);
    if (entry && now - entry.acceptedAt >= RETRY_KEY_TTL_MS) {
      this.accepted.delete(key);
      return undefined;
    }
    return entry;
  }

  remember(channel: string, retryKey: string, entry: AcceptedRequest): void {
    this.accepted.set(`${channel}\u0000${retryKey.toLowerCase()}`, entry);
    this.insertsSincePrune += 1;
    if (this.insertsSincePrune >= 10_000) this.prune(entry.acceptedAt);
  }

  reset(): void {
    this.accepted.clear();
  }

  private prune(now: number): void {
    this.insertsSincePrune = 0;
    for (const [key, entry] of this.accepted) {
      if (now - entry.acceptedAt >= RETRY_KEY_TTL_MS) this.accepted.delete(key);
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isRetryKey(value: string): boolean {
  return UUID.test(value);
}
