import fc from 'fast-check';
import { addDays, dateInZone, startOfDateInZone, type Condition, type FriendFacts, type RunStatus } from '@lsb/shared';

// Generators for the SQL-vs-memory property: friends and conditions drawn from small pools, so
// conditions often hit what friends have, and from boundaries (midnights, today ± N days), so
// off-by-one disagreements between the two evaluators show up.

export const TAGS = ['a0000000-0000-4000-8000-00000000000a', 'b0000000-0000-4000-8000-00000000000b', 'c0000000-0000-4000-8000-00000000000c'];
export const ROUTES = ['d0000000-0000-4000-8000-00000000000d', 'e0000000-0000-4000-8000-00000000000e'];
export const SCENARIOS = ['f0000000-0000-4000-8000-00000000000f', 'fa000000-0000-4000-8000-0000000000fa'];
export const LINKS = ['ab000000-0000-4000-8000-0000000000ab', 'cd000000-0000-4000-8000-0000000000cd'];
export const NODES = ['send-1', 'send-2'];
export const CONVERSIONS = ['purchase', '予約'];
/** Conversion point ids (conversions.point_id; null for rows recorded before points existed). */
export const POINTS = ['c1000000-0000-4000-8000-0000000000c1', 'c2000000-0000-4000-8000-0000000000c2'];
export const FIELDS = ['f1', 'f2', 'f3', '予約日'];
export const TIME_ZONES = ['Asia/Tokyo', 'America/New_York', 'Europe/Berlin', 'UTC', 'Pacific/Kiritimati', 'America/St_Johns'];
const RUN_STATUSES: RunStatus[] = ['running', 'waiting', 'held', 'finished', 'stopped'];
export const SEND_STATUSES = ['sent', 'queued', 'failed'] as const;

const UNKNOWN_UUID = '99999999-9999-4999-8999-999999999999';
const DAY = 86_400_000;

/** An id from the pool, or one no row has: unknown, malformed, or uppercase. */
const idFrom = (pool: string[]) =>
  fc.oneof({ arbitrary: fc.constantFrom(...pool), weight: 4 }, fc.constantFrom(UNKNOWN_UUID, 'not-a-uuid', pool[0]!.toUpperCase()));

export interface World {
  now: Date;
  timeZone: string;
}

export const worldArb: fc.Arbitrary<World> = fc.record({
  now: fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true }),
  timeZone: fc.constantFrom(...TIME_ZONES),
});

function dateStringArb(world: World): fc.Arbitrary<string> {
  const today = dateInZone(world.now, world.timeZone);
  return fc.oneof(
    // Narrow on purpose: values and condition bounds must often coincide to test the edges.
    { arbitrary: fc.integer({ min: -4, max: 4 }).map((d) => addDays(today, d)), weight: 6 },
    fc.integer({ min: -45, max: 45 }).map((d) => addDays(today, d)),
    fc.constantFrom('2024-02-30', '1990-01-31', '2000-12-01'),
  );
}

function instantArb(world: World): fc.Arbitrary<Date> {
  const today = dateInZone(world.now, world.timeZone);
  const midnight = fc.integer({ min: -6, max: 1 }).map((d) => startOfDateInZone(addDays(today, d), world.timeZone).getTime());
  return fc.oneof(
    fc.integer({ min: -50 * DAY, max: DAY }).map((offset) => world.now.getTime() + offset),
    midnight,
    fc.tuple(midnight, fc.constantFrom(-1, 1)).map(([ms, d]) => ms + d),
  ).map((ms) => new Date(ms));
}

const textArb = fc.oneof(
  fc.constantFrom('', 'a', 'ab', 'A', 'ゴールド', 'ゴールド会員', '😀', '10', '1e3', '2025-01-01'),
  fc.string({ unit: 'grapheme', maxLength: 4 }).filter((s) => !s.includes('\u0000')),
);
const numberArb = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0.1, 0.30000000000000004, 1e21, -0, 5e-324),
);

function fieldValueArb(world: World): fc.Arbitrary<unknown> {
  return fc.oneof(textArb, numberArb, { arbitrary: dateStringArb(world), weight: 3 }, fc.constant(null), fc.boolean(), fc.constant([]));
}

export interface GeneratedFriend {
  facts: FriendFacts;
  /** Every send row, whatever its status; facts.receivedSends keeps the `sent` ones. */
  sends: { scenarioId: string; nodeId: string; status: (typeof SEND_STATUSES)[number] }[];
  conversionRows: { name: string; pointId: string | null; at: Date; value: number | null }[];
}

export function friendArb(world: World): fc.Arbitrary<GeneratedFriend> {
  const field = fieldValueArb(world);
  return fc
    .record({
      status: fc.constantFrom('active' as const, 'blocked' as const),
      inflowRouteId: fc.option(fc.constantFrom(...ROUTES), { nil: null }),
      fields: fc.record({ f1: field, f2: field, f3: field, 予約日: field }, { requiredKeys: [] }),
      registeredAt: instantArb(world),
      lastReactionAt: fc.option(instantArb(world), { nil: null }),
      tagIds: fc.subarray(TAGS),
      runs: fc.array(fc.record({ scenarioId: fc.constantFrom(...SCENARIOS), status: fc.constantFrom(...RUN_STATUSES) }), { maxLength: 3 }),
      clickedLinkIds: fc.subarray(LINKS),
      sends: fc.array(
        fc.record({ scenarioId: fc.constantFrom(...SCENARIOS), nodeId: fc.constantFrom(...NODES), status: fc.constantFrom(...SEND_STATUSES) }),
        { maxLength: 3 },
      ),
      conversions: fc.array(fc.record({
        name: fc.constantFrom(...CONVERSIONS),
        pointId: fc.option(fc.constantFrom(...POINTS), { nil: null }),
        at: instantArb(world),
        // Cents, as numeric(14,2) stores them.
        value: fc.option(fc.integer({ min: 0, max: 2_000_000 }).map((cents) => cents / 100), { nil: null }),
      }), { maxLength: 4 }),
    })
    .map((r) => ({
      sends: r.sends,
      facts: {
        status: r.status,
        inflowRouteId: r.inflowRouteId,
        // What the evaluator sees is what survives a trip through jsonb (-0 becomes 0, …).
        fields: JSON.parse(JSON.stringify(r.fields)) as Record<string, unknown>,
        registeredAt: r.registeredAt,
        lastReactionAt: r.lastReactionAt,
        tagIds: new Set(r.tagIds),
        runs: r.runs,
        clickedLinkIds: new Set(r.clickedLinkIds),
        receivedSends: r.sends.filter((s) => s.status === 'sent').map(({ scenarioId, nodeId }) => ({ scenarioId, nodeId })),
        conversionNames: new Set(r.conversions.map((c) => c.name)),
        conversions: r.conversions.map(({ pointId, at, value }) => ({ pointId, at, value })),
      },
      conversionRows: r.conversions,
    }));
}

function leafArb(world: World): fc.Arbitrary<Condition> {
  const fieldId = fc.constantFrom(...FIELDS, 'missing');
  const date = dateStringArb(world);
  const days = fc.oneof({ arbitrary: fc.integer({ min: 0, max: 4 }), weight: 4 }, fc.integer({ min: 0, max: 40 }));
  const moment = fc.oneof(
    fc.record({ op: fc.constantFrom('before' as const, 'after' as const), date }),
    fc.record({ op: fc.constant('withinPastDays' as const), days }),
  );
  return fc.oneof(
    fc.record({ kind: fc.constant('tag' as const), tagId: idFrom(TAGS), has: fc.boolean() }),
    fc.record({ kind: fc.constant('fieldText' as const), fieldId, op: fc.constantFrom('equals' as const, 'contains' as const), value: textArb }),
    fc.record({ kind: fc.constant('fieldChoice' as const), fieldId, anyOf: fc.array(textArb, { maxLength: 3 }) }),
    fc.record({
      kind: fc.constant('fieldNumber' as const),
      fieldId,
      op: fc.constantFrom('eq' as const, 'neq' as const, 'lt' as const, 'lte' as const, 'gt' as const, 'gte' as const),
      value: numberArb,
    }),
    fc.record({ kind: fc.constant('fieldDate' as const), fieldId, op: fc.constantFrom('before' as const, 'after' as const, 'on' as const), date }),
    fc.record({ kind: fc.constant('fieldDate' as const), fieldId, op: fc.constantFrom('withinNextDays' as const, 'withinPastDays' as const), days }),
    fc.record({ kind: fc.constant('birthdayMonth' as const), fieldId, month: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant('current' as const)) }),
    fc.record({ kind: fc.constant('fieldSet' as const), fieldId }),
    fc.record({ kind: fc.constant('inflowRoute' as const), routeIds: fc.array(idFrom(ROUTES), { maxLength: 2 }) }),
    moment.map((m) => ({ kind: 'registeredAt' as const, ...m })),
    moment.map((m) => ({ kind: 'lastReactionAt' as const, ...m })),
    fc.record({ kind: fc.constant('friendStatus' as const), status: fc.constantFrom('active' as const, 'blocked' as const) }),
    fc.record({
      kind: fc.constant('scenario' as const),
      scenarioId: idFrom(SCENARIOS),
      state: fc.constantFrom('running' as const, 'finished' as const, 'entered' as const),
    }),
    fc.record({ kind: fc.constant('linkClicked' as const), linkId: idFrom(LINKS) }),
    fc.record({ kind: fc.constant('receivedSend' as const), scenarioId: idFrom(SCENARIOS), nodeId: fc.constantFrom(...NODES, 'other') }),
    fc.record({ kind: fc.constant('converted' as const), name: fc.constantFrom(...CONVERSIONS, 'other') }),
    fc.record({
      kind: fc.constant('rfm' as const),
      metric: fc.constantFrom('recency' as const, 'frequency' as const, 'monetary' as const),
      min: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 20_000, noNaN: true }), fc.constantFrom(0.005, 0.015, 2.5)),
      max: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 20_000, noNaN: true }), fc.constantFrom(0.005, 0.015, 2.5)),
      pointId: fc.constantFrom(...POINTS, 'other', 'C1000000-0000-4000-8000-0000000000C1'),
    }, { requiredKeys: ['kind', 'metric'] }),
  );
}

export function conditionArb(world: World): fc.Arbitrary<Condition> {
  const leaf = leafArb(world);
  const { condition } = fc.letrec<{ condition: Condition }>((tie) => ({
    condition: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ kind: fc.constant('and' as const), conditions: fc.array(tie('condition'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('or' as const), conditions: fc.array(tie('condition'), { maxLength: 3 }) }),
      fc.record({ kind: fc.constant('not' as const), condition: tie('condition') }),
    ),
  }));
  return condition;
}
