// The fake's customAggregationUnits rules. LINE counts the distinct unit names a channel sends with
// each month (GET /v2/bot/message/aggregation/info → numOfCustomAggregationUnits; 1,000 at most),
// and only accounts that applied may use units at all. The OpenAPI spec names neither refusal, so
// the fake answers as LINE's API reference describes such cases: 403 for a feature the account may
// not use, 400 for a request LINE will not take. A known unit stays usable all month.

export const UNIT_NAMES_PER_MONTH = 1_000;

export const UNIT_ERRORS = {
  unavailable: { message: 'Access to this API is not available for your account' },
  overLimit: { message: 'The number of aggregation units per month has exceeded the limit' },
} as const;

export interface UnitRules {
  /** False: the account has not applied for units (every request naming one is refused). Default true. */
  available: boolean;
  /** Distinct unit names a channel may use per month. Default 1,000. */
  monthlyLimit: number;
}

export class AggregationUnits {
  private rules: UnitRules = { available: true, monthlyLimit: UNIT_NAMES_PER_MONTH };
  private readonly used = new Map<string, Set<string>>();

  configure(rules: Partial<UnitRules>): UnitRules {
    this.rules = { ...this.rules, ...rules };
    return this.rules;
  }

  reset(): void {
    this.used.clear();
    this.rules = { available: true, monthlyLimit: UNIT_NAMES_PER_MONTH };
  }

  /** LINE's refusal for sending with this unit now, or undefined when it may. */
  refusal(channelId: string, unit: string, now: number): { status: number; body: { message: string } } | undefined {
    if (!this.rules.available) return { status: 403, body: UNIT_ERRORS.unavailable };
    const names = this.used.get(monthKey(channelId, now));
    if (names?.has(unit)) return undefined;
    return (names?.size ?? 0) >= this.rules.monthlyLimit ? { status: 400, body: UNIT_ERRORS.overLimit } : undefined;
  }

  /** An accepted request used this unit. */
  record(channelId: string, unit: string, now: number): void {
    const key = monthKey(channelId, now);
    this.used.set(key, (this.used.get(key) ?? new Set()).add(unit));
  }

  /** This month's distinct unit names (the usage endpoints). */
  namesThisMonth(channelId: string, now: number): string[] {
    return [...(this.used.get(monthKey(channelId, now)) ?? [])];
  }
}

// LINE's month is Japan's (UTC+9), as its insight dates are.
const monthKey = (channelId: string, now: number) => `${channelId}|${new Date(now + 9 * 3_600_000).toISOString().slice(0, 7)}`;
