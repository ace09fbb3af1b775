/** Every node kind, in palette order. Adding one breaks compilation until every layer handles it. */
export const NODE_TYPES = [
  'trigger',
  'wait',
  'waitForEvent',
  'branch',
  'tag',
  'send',
  'randomSplit',
  'setField',
  'scenarioControl',
  'end',
] as const;

export type NodeType = (typeof NODE_TYPES)[number];

export function isNodeType(value: unknown): value is NodeType {
  return typeof value === 'string' && (NODE_TYPES as readonly string[]).includes(value);
}
