import { Type } from 'typebox';
import { WithRule } from '@lsb/shared/line';

/**
 * Narrowcast recipient and demographic-filter trees. Both nest through `operator` nodes
 * (`and`/`or` lists or a `not`), so the structure is checked by a recursive rule rather than a
 * cyclic schema, which keeps error paths simple.
 */

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);

function operatorIsValid(node: Node, isValid: (child: unknown) => boolean): boolean {
  const operands = ['and', 'or', 'not'].filter((key) => node[key] !== undefined);
  if (operands.length !== 1) return false;
  const { and, or, not } = node;
  if (not !== undefined) return isValid(not);
  const list = and ?? or;
  return Array.isArray(list) && list.length > 0 && list.every(isValid);
}

function recipientIsValid(node: unknown): boolean {
  if (!isNode(node)) return false;
  switch (node.type) {
    case 'operator': return operatorIsValid(node, recipientIsValid);
    case 'audience': return Number.isInteger(node.audienceGroupId);
    case 'redelivery': return typeof node.requestId === 'string' && node.requestId.length > 0;
    default: return false;
  }
}

const ageSteps = ['age_15', 'age_20', 'age_25', 'age_30', 'age_35', 'age_40', 'age_45', 'age_50', 'age_55', 'age_60', 'age_65', 'age_70'];
const periodSteps = ['day_7', 'day_30', 'day_90', 'day_180', 'day_365'];
const isRange = (node: Node, steps: string[]) =>
  (node.gte !== undefined || node.lt !== undefined) &&
  [node.gte, node.lt].every((bound) => bound === undefined || steps.includes(bound as string));
const isNonEmptyStringList = (value: unknown) =>
  Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string');

function demographicIsValid(node: unknown): boolean {
  if (!isNode(node)) return false;
  switch (node.type) {
    case 'operator': return operatorIsValid(node, demographicIsValid);
    case 'gender': return isNonEmptyStringList(node.oneOf) && (node.oneOf as string[]).every((g) => g === 'male' || g === 'female');
    case 'appType': return isNonEmptyStringList(node.oneOf) && (node.oneOf as string[]).every((a) => a === 'ios' || a === 'android');
    case 'area': return isNonEmptyStringList(node.oneOf) && (node.oneOf as string[]).every((a) => /^(jp|tw|th|id)_\d{2}$/.test(a));
    case 'age': return isRange(node, ageSteps);
    case 'subscriptionPeriod': return isRange(node, periodSteps);
    default: return false;
  }
}

export const AudienceRecipientTree = WithRule(
  Type.Object({ type: Type.Union([Type.Literal('operator'), Type.Literal('audience'), Type.Literal('redelivery')]) }),
  recipientIsValid,
  'Invalid recipient: each operator needs exactly one non-empty and/or list or a not, audiences an audienceGroupId',
);

export const DemographicFilterTree = WithRule(
  Type.Object({
    type: Type.Union(['operator', 'gender', 'age', 'appType', 'area', 'subscriptionPeriod'].map((kind) => Type.Literal(kind))),
  }),
  demographicIsValid,
  'Invalid demographic filter',
);
