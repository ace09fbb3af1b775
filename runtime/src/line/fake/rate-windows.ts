/**
 * LINE's rate limits as the fake enforces them: a count of requests per channel and endpoint within
 * fixed windows (each second, or each hour for narrowcast and broadcast). LINE publishes the limits
 * but not its algorithm; fixed windows are the most lenient reading, so a client that keeps to any
 * sliding one-second window never sees a 429 from the fake.
 */

export type RateLimitedEndpoint = 'push' | 'multicast' | 'reply' | 'narrowcast' | 'broadcast' | 'read';

export interface RateLimit {
  requests: number;
  windowMs: number;
}

export const LINE_RATE_LIMITS: Record<RateLimitedEndpoint, RateLimit> = {
  push: { requests: 2000, windowMs: 1000 },
  multicast: { requests: 200, windowMs: 1000 },
  reply: { requests: 2000, windowMs: 1000 },
  narrowcast: { requests: 60, windowMs: 3_600_000 },
  broadcast: { requests: 60, windowMs: 3_600_000 },
  /** Profile, quota and bot-info reads share LINE's default 2,000 requests a second. */
  read: { requests: 2000, windowMs: 1000 },
};

export class RateWindows {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly limits: Record<RateLimitedEndpoint, RateLimit> = LINE_RATE_LIMITS) {}

  /** Counts one request; false when it is over the limit (and so must be answered with 429). */
  admit(channel: string, endpoint: RateLimitedEndpoint, now: number): boolean {
    const { requests, windowMs } = this.limits[endpoint];
    const start = now - (now % windowMs);
    const key = `${endpoint}\u0000${channel}`;
    const window = this.windows.get(key);
    if (!window || window.start !== start) {
      this.windows.set(key, { start, count: 1 });
      return requests >= 1;
    }
    window.count += 1;
    return window.count <= requests;
  }

  reset(): void {
    this.windows.clear();
  }
}
