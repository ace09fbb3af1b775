// Statistics of proportions for A/B comparisons: pure, so the editor and the runtime agree and
// property tests can check them. 95% two-sided throughout.

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval { rate: number; low: number; high: number }

/**
 * Wilson score interval: unlike rate ± z·se it stays inside [0, 1] and behaves for small counts
 * and rates near 0 or 1 (no trials: rate 0 and the whole [0, 1]).
 */
export function wilsonInterval(successes: number, trials: number, z = Z_95): Interval {
  if (!(trials > 0)) return { rate: 0, low: 0, high: 1 };
  const s = Math.min(Math.max(successes, 0), trials);
  const p = s / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  // Exact at the edges: with 0 successes the lower bound is 0, with all of them the upper is 1.
  return { rate: p, low: s === 0 ? 0 : Math.max(0, centre - half), high: s === trials ? 1 : Math.min(1, centre + half) };
}

export interface ZTest { z: number; pValue: number; significant: boolean }

/**
 * Pooled two-proportion z-test of a (s1 of n1) against b (s2 of n2), two-sided. With no variance
 * (both 0% or both 100%) the difference is 0 and p is 1. Null when either side has no trials.
 */
export function twoProportionZTest(s1: number, n1: number, s2: number, n2: number, alpha = 0.05): ZTest | null {
  if (!(n1 > 0) || !(n2 > 0)) return null;
  const p1 = s1 / n1;
  const p2 = s2 / n2;
  const pooled = (s1 + s2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, pValue: 1, significant: false };
  const z = (p1 - p2) / se;
  const pValue = Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));
  return { z, pValue, significant: pValue < alpha };
}

/** Standard normal CDF (Abramowitz–Stegun 7.1.26 via erf; absolute error below 1.5e-7). */
export function normalCdf(x: number): number {
  return 0.5 * (1 + erf(x / Math.SQRT2));
}

function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-x * x);
  return sign * y;
}

export interface Arm { id: string; successes: number; trials: number }

/**
 * The arm with the highest rate (ties: the earlier arm), tested against all the other arms pooled.
 * Null when fewer than two arms have trials.
 */
export function compareArms(arms: readonly Arm[], alpha = 0.05): (ZTest & { leader: string }) | null {
  const live = arms.filter((a) => a.trials > 0);
  if (live.length < 2) return null;
  let leader = live[0]!;
  for (const arm of live) if (arm.successes / arm.trials > leader.successes / leader.trials) leader = arm;
  const rest = live.filter((a) => a !== leader);
  const s2 = rest.reduce((n, a) => n + a.successes, 0);
  const n2 = rest.reduce((n, a) => n + a.trials, 0);
  const test = twoProportionZTest(leader.successes, leader.trials, s2, n2, alpha)!;
  return { ...test, leader: leader.id };
}
