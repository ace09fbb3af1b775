/**
 * Failures tests ask for: the next N requests (optionally to one endpoint) answer 500, answer 429,
 * or hang past the client's timeout.
 */

export type FailureKind = 'server-error' | 'rate-limited' | 'timeout';

export interface FailurePlan {
  kind: FailureKind;
  /** How many requests fail; default 1. */
  count?: number;
  /** Only requests to this endpoint (`push`, `multicast`, `profile` …); default any. */
  endpoint?: string;
  /** For `timeout`: how long the fake holds the request before answering; default 10 s. */
  hangMs?: number;
  /**
   * For `timeout`: whether LINE accepted the send before the answer was lost. A retry with the same
   * key then gets 409, which is the case retry keys exist for.
   */
  delivered?: boolean;
}

export interface PlannedFailure {
  kind: FailureKind;
  hangMs: number;
  delivered: boolean;
}

export class FailureQueue {
  private plans: Array<Required<Omit<FailurePlan, 'endpoint'>> & { endpoint?: string }> = [];

  add(plan: FailurePlan): void {
    this.plans.push({
      kind: plan.kind,
      count: plan.count ?? 1,
      hangMs: plan.hangMs ?? 10_000,
      delivered: plan.delivered ?? false,
      ...(plan.endpoint === undefined ? {} : { endpoint: plan.endpoint }),
    });
  }

  /** The failure this request must suffer, if any; each request uses up one. */
  take(endpoint: string): PlannedFailure | undefined {
    const plan = this.plans.find((candidate) => candidate.endpoint === undefined || candidate.endpoint === endpoint);
    if (!plan) return undefined;
    plan.count -= 1;
    if (plan.count <= 0) this.plans = this.plans.filter((candidate) => candidate !== plan);
    return { kind: plan.kind, hangMs: plan.hangMs, delivered: plan.delivered };
  }

  pending(): number {
    return this.plans.reduce((total, plan) => total + plan.count, 0);
  }

  reset(): void {
    this.plans = [];
  }
}
