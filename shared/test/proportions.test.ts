import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareArms, normalCdf, twoProportionZTest, wilsonInterval } from '../src/measure/proportions.ts';
import { rfmBounds, rfmFigure } from '../src/conditions/facts.ts';
import { evaluateCondition } from '../src/conditions/evaluate.ts';

const counts = fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe('Wilson interval', () => {
  test('known answers (Newcombe 1998, 95%)', () => {
    // 81 of 263: 0.2553 to 0.3662.
    const a = wilsonInterval(81, 263);
    expect(a.rate).toBeCloseTo(0.30798, 4);
    expect(a.low).toBeCloseTo(0.2553, 3);
    expect(a.high).toBeCloseTo(0.3662, 3);
    // 15 of 148: 0.0624 to 0.1605.
    const b = wilsonInterval(15, 148);
    expect(b.low).toBeCloseTo(0.0624, 3);
    expect(b.high).toBeCloseTo(0.1605, 3);
    expect(wilsonInterval(0, 10)).toMatchObject({ rate: 0, low: 0 });
    expect(wilsonInterval(10, 10)).toMatchObject({ rate: 1, high: 1 });
    expect(wilsonInterval(0, 0)).toEqual({ rate: 0, low: 0, high: 1 });
  });

  test('properties: inside [0, 1], contains the rate, narrows with more trials', () => {
    fc.assert(fc.property(counts, ([s, n]) => {
      const i = wilsonInterval(s, n);
      expect(i.low).toBeGreaterThanOrEqual(0);
      expect(i.high).toBeLessThanOrEqual(1);
      expect(i.low).toBeLessThanOrEqual(i.rate + 1e-12);
      expect(i.high).toBeGreaterThanOrEqual(i.rate - 1e-12);
      const wider = wilsonInterval(s, n);
      const narrower = wilsonInterval(s * 4, n * 4);
      expect(narrower.high - narrower.low).toBeLessThanOrEqual(wider.high - wider.low + 1e-12);
    }));
  });
});

describe('two-proportion z-test', () => {
  test('known answer: 120/1000 against 90/1000 (z ≈ 2.19, p ≈ 0.029)', () => {
    const test = twoProportionZTest(120, 1000, 90, 1000)!;
    expect(test.z).toBeCloseTo(2.191, 2);
    expect(test.pValue).toBeCloseTo(0.0285, 3);
    expect(test.significant).toBe(true);
    expect(twoProportionZTest(50, 1000, 48, 1000)!.significant).toBe(false);
    expect(twoProportionZTest(0, 10, 0, 10)).toEqual({ z: 0, pValue: 1, significant: false });
    expect(twoProportionZTest(1, 0, 1, 10)).toBeNull();
  });

  test('properties: symmetric, p in [0, 1], equal rates are never significant', () => {
    fc.assert(fc.property(counts, counts, ([s1, n1], [s2, n2]) => {
      const ab = twoProportionZTest(s1, n1, s2, n2)!;
      const ba = twoProportionZTest(s2, n2, s1, n1)!;
      expect(ab.z).toBeCloseTo(-ba.z, 9);
      expect(ab.pValue).toBeCloseTo(ba.pValue, 9);
      expect(ab.pValue).toBeGreaterThanOrEqual(0);
      expect(ab.pValue).toBeLessThanOrEqual(1);
      expect(twoProportionZTest(s1, n1, s1, n1)!.significant).toBe(false);
    }));
  });

  test('the normal CDF matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });
});

describe('compareArms', () => {
  test('the best rate leads and is tested against the rest pooled; one arm with trials is no test', () => {
    const result = compareArms([{ id: 'a', successes: 90, trials: 1000 }, { id: 'b', successes: 120, trials: 1000 }, { id: 'c', successes: 0, trials: 0 }])!;
    expect(result.leader).toBe('b');
    expect(result.significant).toBe(true);
    expect(compareArms([{ id: 'a', successes: 3, trials: 10 }, { id: 'b', successes: 0, trials: 0 }])).toBeNull();
  });
});

describe('RFM figures and the rfm condition leaf', () => {
  const now = new Date('2026-04-30T00:00:00Z');
  const day = 86_400_000;
  const conversions = [
    { pointId: 'p1', at: new Date(now.getTime() - 40 * day - 1), value: 0.1 },
    { pointId: 'p2', at: new Date(now.getTime() - 3 * day), value: 0.2 },
    { pointId: 'p1', at: new Date(now.getTime() - 10 * day), value: null },
  ];
  test('recency in whole days, frequency, monetary in cents', () => {
    expect(rfmFigure(conversions, 'recency', now)).toBe(3);
    expect(rfmFigure(conversions, 'recency', now, 'p1')).toBe(10);
    expect(rfmFigure([], 'recency', now)).toBeUndefined();
    expect(rfmFigure([], 'frequency', now)).toBeUndefined();
    expect(rfmFigure(conversions, 'frequency', now, 'p1')).toBe(2);
    expect(rfmFigure(conversions, 'monetary', now)).toBe(30);
    expect(rfmBounds('monetary', 0.3, undefined)).toEqual({ min: 30, max: undefined });
  });
  test('bands as a marketer sets them: 30日以内 / 31–90日 / 91日以上', () => {
    const facts = { status: 'active' as const, inflowRouteId: null, fields: {}, registeredAt: now, lastReactionAt: null, tagIds: new Set<string>(), runs: [], clickedLinkIds: new Set<string>(), receivedSends: [], conversionNames: new Set<string>() };
    const ctx = { now, timeZone: 'Asia/Tokyo' };
    const within30 = { kind: 'rfm' as const, metric: 'recency' as const, max: 30 };
    expect(evaluateCondition(within30, { ...facts, conversions }, ctx)).toBe(true);
    expect(evaluateCondition({ kind: 'rfm', metric: 'recency', min: 31, max: 90 }, { ...facts, conversions: conversions.slice(0, 1) }, ctx)).toBe(true);
    expect(evaluateCondition(within30, facts, ctx)).toBe(false);
    // RFM describes customers: someone who never converted is in no band.
    expect(evaluateCondition({ kind: 'rfm', metric: 'frequency', max: 0 }, facts, ctx)).toBe(false);
    expect(evaluateCondition({ kind: 'rfm', metric: 'monetary', max: 100 }, facts, ctx)).toBe(false);
    expect(evaluateCondition({ kind: 'rfm', metric: 'monetary', min: 0.3 }, { ...facts, conversions }, ctx)).toBe(true);
  });
});
