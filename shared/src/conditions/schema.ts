import { Type, type Static } from 'typebox';
import { Id, IsoDate } from '../graph/primitives.ts';

// One segment language for the branch node, segment counts and broadcasts. Leaves are small and
// closed so that the in-memory evaluator and the SQL compiler can agree on every one of them.

const TagCondition = Type.Object({ kind: Type.Literal('tag'), tagId: Id, has: Type.Boolean() });

/** Text comparisons apply only to text values; a missing or non-text value never matches. */
const FieldTextCondition = Type.Object({
  kind: Type.Literal('fieldText'),
  fieldId: Id,
  op: Type.Union([Type.Literal('equals'), Type.Literal('contains')]),
  value: Type.String({ maxLength: 1000 }),
});

/** For choice fields: the stored choice is one of these. */
const FieldChoiceCondition = Type.Object({
  kind: Type.Literal('fieldChoice'),
  fieldId: Id,
  anyOf: Type.Array(Type.String({ maxLength: 1000 }), { maxItems: 100 }),
});

const FieldNumberCondition = Type.Object({
  kind: Type.Literal('fieldNumber'),
  fieldId: Id,
  op: Type.Union([
    Type.Literal('eq'),
    Type.Literal('neq'),
    Type.Literal('lt'),
    Type.Literal('lte'),
    Type.Literal('gt'),
    Type.Literal('gte'),
  ]),
  value: Type.Number(),
});

/**
 * Date fields hold `YYYY-MM-DD`. `withinNextDays: 3` means today..today+3 and `withinPastDays: 3`
 * today-3..today, both inclusive, "today" being the date in the workspace zone.
 */
const FieldDateCondition = Type.Union([
  Type.Object({
    kind: Type.Literal('fieldDate'),
    fieldId: Id,
    op: Type.Union([Type.Literal('before'), Type.Literal('after'), Type.Literal('on')]),
    date: IsoDate,
  }),
  Type.Object({
    kind: Type.Literal('fieldDate'),
    fieldId: Id,
    op: Type.Union([Type.Literal('withinNextDays'), Type.Literal('withinPastDays')]),
    days: Type.Integer({ minimum: 0, maximum: 36_500 }),
  }),
]);

/** The month of a date field; `current` is this month in the workspace zone (誕生月). */
const BirthdayMonthCondition = Type.Object({
  kind: Type.Literal('birthdayMonth'),
  fieldId: Id,
  month: Type.Union([Type.Integer({ minimum: 1, maximum: 12 }), Type.Literal('current')]),
});

/** The field holds something: not missing, not null, not the empty string. */
const FieldSetCondition = Type.Object({ kind: Type.Literal('fieldSet'), fieldId: Id });

const InflowRouteCondition = Type.Object({
  kind: Type.Literal('inflowRoute'),
  routeIds: Type.Array(Id, { maxItems: 100 }),
});

/**
 * Instants compared by calendar day in the workspace zone: `before` a date means earlier than its
 * first moment, `after` means from the next day on, `withinPastDays: N` from N days ago 00:00.
 */
const MomentComparison = Type.Union([
  Type.Object({ op: Type.Union([Type.Literal('before'), Type.Literal('after')]), date: IsoDate }),
  Type.Object({ op: Type.Literal('withinPastDays'), days: Type.Integer({ minimum: 0, maximum: 36_500 }) }),
]);

const RegisteredAtCondition = Type.Intersect([Type.Object({ kind: Type.Literal('registeredAt') }), MomentComparison]);

/** A friend who never reacted matches no comparison (use `not` for "no reaction since"). */
const LastReactionAtCondition = Type.Intersect([
  Type.Object({ kind: Type.Literal('lastReactionAt') }),
  MomentComparison,
]);

const FriendStatusCondition = Type.Object({
  kind: Type.Literal('friendStatus'),
  status: Type.Union([Type.Literal('active'), Type.Literal('blocked')]),
});

/** running: a run in progress (running, waiting or held); finished: a run that reached its end. */
const ScenarioCondition = Type.Object({
  kind: Type.Literal('scenario'),
  scenarioId: Id,
  state: Type.Union([Type.Literal('running'), Type.Literal('finished'), Type.Literal('entered')]),
});

const LinkClickedCondition = Type.Object({ kind: Type.Literal('linkClicked'), linkId: Id });

/** The friend was sent the messages of this send node (status `sent`). */
const ReceivedSendCondition = Type.Object({ kind: Type.Literal('receivedSend'), scenarioId: Id, nodeId: Id });

const ConvertedCondition = Type.Object({ kind: Type.Literal('converted'), name: Type.String({ minLength: 1, maxLength: 200 }) });

/**
 * RFM from conversions (of `pointId` only, when given): recency = whole days since the last one,
 * frequency = how many, monetary = the sum of their values (yen, compared to the cent). `min`/`max`
 * inclusive; absent = open. A friend who never converted (at that point) matches no rfm leaf.
 */
const RfmCondition = Type.Object({
  kind: Type.Literal('rfm'),
  metric: Type.Union([Type.Literal('recency'), Type.Literal('frequency'), Type.Literal('monetary')]),
  min: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  max: Type.Optional(Type.Number({ minimum: 0, maximum: 1e12 })),
  pointId: Type.Optional(Id),
});

export const LeafCondition = Type.Union([
  TagCondition,
  FieldTextCondition,
  FieldChoiceCondition,
  FieldNumberCondition,
  FieldDateCondition,
  BirthdayMonthCondition,
  FieldSetCondition,
  InflowRouteCondition,
  RegisteredAtCondition,
  LastReactionAtCondition,
  FriendStatusCondition,
  ScenarioCondition,
  LinkClickedCondition,
  ReceivedSendCondition,
  ConvertedCondition,
  RfmCondition,
]);
export type LeafCondition = Static<typeof LeafCondition>;

/** `and` of nothing is true and `or` of nothing is false; the validator flags both in a branch. */
export const Condition = Type.Cyclic(
  {
    Condition: Type.Union([
      Type.Object({ kind: Type.Literal('and'), conditions: Type.Array(Type.Ref('Condition'), { maxItems: 100 }) }),
      Type.Object({ kind: Type.Literal('or'), conditions: Type.Array(Type.Ref('Condition'), { maxItems: 100 }) }),
      Type.Object({ kind: Type.Literal('not'), condition: Type.Ref('Condition') }),
      /**
       * A saved segment by reference (「セグメント「X」に含まれる」). While drafting it means the segment
       * as it is now; publishing freezes the segment's condition into `frozen`, so a published
       * version keeps using the segment as it was at publish until the scenario is published again.
       */
      Type.Object({ kind: Type.Literal('segment'), segmentId: Id, frozen: Type.Optional(Type.Ref('Condition')) }),
      LeafCondition,
    ]),
  },
  'Condition',
);
export type Condition = Static<typeof Condition>;
export type ConditionKind = Condition['kind'];
export type ConditionOf<K extends ConditionKind> = Extract<Condition, { kind: K }>;

export const EMPTY_CONDITION: Condition = { kind: 'and', conditions: [] };
