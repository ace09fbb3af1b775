import { Type, type Static } from 'typebox';
import { Id } from '../graph/primitives.ts';
import { namedLabel, type NodeKindDefinition } from './kind.ts';

/**
 * A/B/n test. Weights are percentages and must add up to 100 (the validator checks), so the
 * numbers on the canvas read as the share of friends each arm receives.
 */
export const RandomSplitBranch = Type.Object({
  id: Id,
  label: Type.String({ maxLength: 100 }),
  weight: Type.Integer({ minimum: 0, maximum: 100 }),
});
export type RandomSplitBranch = Static<typeof RandomSplitBranch>;

/**
 * 自動勝者: once `afterHours` have passed since the first friend entered the split, or `afterFriends`
 * friends entered it (whichever comes first), the runtime picks the branch with the best `metric`
 * rate and every later friend goes down it (recorded in the audit log). Absent: the weights apply.
 */
export const AutoWinner = Type.Object({
  metric: Type.Union([Type.Literal('click'), Type.Literal('conversion')]),
  afterHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 90 })),
  afterFriends: Type.Optional(Type.Integer({ minimum: 2, maximum: 10_000_000 })),
});
export type AutoWinner = Static<typeof AutoWinner>;

export const RandomSplitData = Type.Object({ branches: Type.Array(RandomSplitBranch, { maxItems: 10 }), autoWinner: Type.Optional(AutoWinner) });
export type RandomSplitData = Static<typeof RandomSplitData>;

export const randomSplitKind: NodeKindDefinition<'randomSplit', RandomSplitData> = {
  type: 'randomSplit',
  dataSchema: RandomSplitData,
  migrations: {},
  label: 'node.randomSplit.label',
  defaults: () => ({
    branches: [
      { id: 'a', label: 'A', weight: 50 },
      { id: 'b', label: 'B', weight: 50 },
    ],
  }),
  // An arm left unconnected is a legitimate control group that receives nothing more.
  outputs: (data) =>
    data.branches.map((b) => ({ id: b.id, label: namedLabel(`${b.label || b.id} (${b.weight}%)`), required: false })),
  pauses: false,
  acceptsInput: true,
  references: () => [],
  summary: (data) => data.branches.map((b) => `${b.label || b.id} ${b.weight}%`).join(' / '),
};
