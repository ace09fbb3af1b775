/** The most recent requests the fake answered, so tests can see what a sender actually did. */

export interface LoggedRequest {
  at: string;
  endpoint: string;
  channelId: string;
  status: number;
  retryKey?: string;
  recipients?: number;
  messages?: number;
  /** On a 409: whether the retry carried the same body as the accepted request. */
  sameBodyAsAccepted?: boolean;
  /** Set when a test-ordered failure answered instead of the fake's rules. */
  forcedFailure?: string;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  constructor(private readonly capacity: number) {}

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) this.entries.splice(0, this.entries.length - this.capacity);
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  reset(): void {
    this.entries = [];
  }
}
