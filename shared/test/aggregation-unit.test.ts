import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { AGGREGATION_UNIT_PATTERN, broadcastAggregationUnit, effectiveSendUnit, sendAggregationUnit } from '../src/measure/aggregation-unit.ts';

const scenarioId = '0b7f7c8e-3c1a-4e8b-9a55-4f2e1d0c9b8a';

describe('derived LINE aggregation units', () => {
  test('a send node: s + the scenario id\'s last 12 hex digits + the node id when it fits', () => {
    expect(sendAggregationUnit(scenarioId, 'welcome1')).toBe('s4f2e1d0c9b8a_welcome1');
    // The editor's ids (`send-a1b2c3d4e5`) carry a dash: readable head + hash of the whole id.
    const unit = sendAggregationUnit(scenarioId, 'send-a1b2c3d4e5');
    expect(unit).toMatch(/^s4f2e1d0c9b8a_senda1b2c_[0-9a-z]{6}$/);
    expect(unit.length).toBe(30);
  });

  test('stable: the same ids give the same unit (versions and republishing keep it)', () => {
    expect(sendAggregationUnit(scenarioId, 'send-a1b2c3d4e5')).toBe(sendAggregationUnit(scenarioId, 'send-a1b2c3d4e5'));
    expect(sendAggregationUnit(scenarioId.toUpperCase(), 'n1')).toBe(sendAggregationUnit(scenarioId, 'n1'));
  });

  test('an explicit unit wins', () => {
    expect(effectiveSendUnit(scenarioId, 'n1', 'spring_sale')).toBe('spring_sale');
    expect(effectiveSendUnit(scenarioId, 'n1', undefined)).toBe(sendAggregationUnit(scenarioId, 'n1'));
  });

  test('a broadcast: b_ + the last 28 hex digits of its id', () => {
    expect(broadcastAggregationUnit('9d1c2b3a-4e5f-4a6b-8c7d-0e1f2a3b4c5d')).toBe('b_2b3a4e5f4a6b8c7d0e1f2a3b4c5d');
  });

  test('always a name LINE accepts, for any node id', () => {
    fc.assert(fc.property(fc.uuid(), fc.string({ minLength: 1, maxLength: 200 }), (id, nodeId) => {
      expect(sendAggregationUnit(id, nodeId)).toMatch(AGGREGATION_UNIT_PATTERN);
      expect(broadcastAggregationUnit(id)).toMatch(AGGREGATION_UNIT_PATTERN);
    }));
  });

  test('different node ids of one scenario get different units', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `send-${(i * 7919).toString(36).padStart(10, '0')}`);
    const units = new Set(ids.map((id) => sendAggregationUnit(scenarioId, id)));
    expect(units.size).toBe(ids.length);
    // The two forms never meet: a hashed part always has a `_` after the scenario's, a plain one never.
    expect(sendAggregationUnit(scenarioId, 'abc_def')).not.toBe(sendAggregationUnit(scenarioId, 'abcdef'));
    fc.assert(fc.property(fc.string({ maxLength: 30 }), fc.string({ maxLength: 30 }), (a, b) => {
      fc.pre(a !== b && a.length > 0 && b.length > 0);
      const [ua, ub] = [sendAggregationUnit(scenarioId, a), sendAggregationUnit(scenarioId, b)];
      // Equal units only through a hash collision of two ids with the same readable head.
      if (ua === ub) expect(a.replace(/[^a-zA-Z0-9]/g, '').slice(0, 9)).toBe(b.replace(/[^a-zA-Z0-9]/g, '').slice(0, 9));
    }));
  });
});
