import type { Condition, LeafCondition } from '@lsb/shared';

/** A condition that is not a group: a comparison, or a saved segment by reference. */
export type LeafLike = Exclude<Condition, { kind: 'and' | 'or' | 'not' }>;
export type LeafKind = LeafCondition['kind'] | 'segment';

/** Picker order: the comparisons marketers use most come first. */
export const LEAF_KINDS: LeafKind[] = [
  'tag', 'segment', 'fieldText', 'fieldChoice', 'fieldNumber', 'fieldDate', 'fieldSet', 'birthdayMonth', 'inflowRoute',
  'registeredAt', 'lastReactionAt', 'friendStatus', 'scenario', 'linkClicked', 'receivedSend', 'converted', 'rfm',
];

export function defaultLeaf(kind: LeafKind): LeafLike {
  switch (kind) {
    case 'segment': return { kind, segmentId: '' };
    case 'tag': return { kind, tagId: '', has: true };
    case 'fieldText': return { kind, fieldId: '', op: 'equals', value: '' };
    case 'fieldChoice': return { kind, fieldId: '', anyOf: [] };
    case 'fieldNumber': return { kind, fieldId: '', op: 'gte', value: 0 };
    case 'fieldDate': return { kind, fieldId: '', op: 'withinNextDays', days: 7 };
    case 'fieldSet': return { kind, fieldId: '' };
    case 'birthdayMonth': return { kind, fieldId: '', month: 'current' };
    case 'inflowRoute': return { kind, routeIds: [] };
    case 'registeredAt': return { kind, op: 'withinPastDays', days: 7 };
    case 'lastReactionAt': return { kind, op: 'withinPastDays', days: 30 };
    case 'friendStatus': return { kind, status: 'active' };
    case 'scenario': return { kind, scenarioId: '', state: 'finished' };
    case 'linkClicked': return { kind, linkId: '' };
    case 'receivedSend': return { kind, scenarioId: '', nodeId: '' };
    case 'converted': return { kind, name: '' };
    case 'rfm': return { kind, metric: 'recency', max: 30 };
  }
}
