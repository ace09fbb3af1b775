import { Type, type Static } from 'typebox';
import { describeCondition } from '../conditions/describe.ts';
import { conditionReferences } from '../conditions/references.ts';
import { Condition, EMPTY_CONDITION } from '../conditions/schema.ts';
import { Id } from '../graph/primitives.ts';
import { namedLabel, type NodeKindDefinition, type NodeOutput } from './kind.ts';

/** Cases are tried in order; the first that holds wins, and `else` takes everyone else. */
export const BranchCase = Type.Object({ id: Id, label: Type.String({ maxLength: 100 }), condition: Condition });
export type BranchCase = Static<typeof BranchCase>;

export const BranchData = Type.Object({ cases: Type.Array(BranchCase, { maxItems: 20 }) });
export type BranchData = Static<typeof BranchData>;

export const ELSE_OUTPUT_ID = 'else';

function caseOutput(c: BranchCase, index: number): NodeOutput {
  const label = c.label.trim();
  return {
    id: c.id,
    label: label ? namedLabel(label) : { key: 'node.branch.numberedCase', params: { number: index + 1 } },
    required: false,
  };
}

export const branchKind: NodeKindDefinition<'branch', BranchData> = {
  type: 'branch',
  dataSchema: BranchData,
  migrations: {},
  label: 'node.branch.label',
  defaults: () => ({ cases: [{ id: 'case-1', label: '', condition: EMPTY_CONDITION }] }),
  outputs: (data) => [
    ...data.cases.map(caseOutput),
    { id: ELSE_OUTPUT_ID, label: { key: 'term.else' }, required: false },
  ],
  pauses: false,
  acceptsInput: true,
  references: (data) => data.cases.flatMap((c) => conditionReferences(c.condition)),
  // Each case by its label, or by its condition in words when it has none: 「購入済み / それ以外」.
  summary: (data, t, catalogue) =>
    [...data.cases.map((c) => c.label || describeCondition(c.condition, t, catalogue)), t('node.branch.otherwise')].join(' / '),
};
