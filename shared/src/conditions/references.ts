import type { Reference } from '../graph/catalogue.ts';
import { assertNever } from '../graph/primitives.ts';
import type { Condition } from './schema.ts';

/** Every catalogue id a condition mentions, with the field kinds each comparison needs. */
export function conditionReferences(condition: Condition): Reference[] {
  const found: Reference[] = [];
  visit(condition, found);
  return found;
}

function visit(c: Condition, found: Reference[]): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      for (const child of c.conditions) visit(child, found);
      return;
    case 'not':
      return visit(c.condition, found);
    case 'segment':
      // A frozen copy is what a published version runs; its own references were checked at publish.
      found.push({ kind: 'segment', id: c.segmentId });
      return;
    case 'tag':
      found.push({ kind: 'tag', id: c.tagId });
      return;
    case 'fieldText':
      found.push({ kind: 'field', id: c.fieldId, fieldKinds: ['text', 'choice'] });
      return;
    case 'fieldChoice':
      found.push({ kind: 'field', id: c.fieldId, fieldKinds: ['choice', 'text'] });
      return;
    case 'fieldNumber':
      found.push({ kind: 'field', id: c.fieldId, fieldKinds: ['number'] });
      return;
    case 'fieldDate':
    case 'birthdayMonth':
      found.push({ kind: 'field', id: c.fieldId, fieldKinds: ['date'] });
      return;
    case 'fieldSet':
      found.push({ kind: 'field', id: c.fieldId });
      return;
    case 'inflowRoute':
      for (const id of c.routeIds) found.push({ kind: 'inflowRoute', id });
      return;
    case 'scenario':
    case 'receivedSend':
      found.push({ kind: 'scenario', id: c.scenarioId });
      return;
    case 'linkClicked':
      found.push({ kind: 'link', id: c.linkId });
      return;
    case 'registeredAt':
    case 'lastReactionAt':
    case 'friendStatus':
    case 'converted':
    case 'rfm':
      return;
    default:
      return assertNever(c);
  }
}

/** True when a condition says nothing: an and/or group whose every branch is an empty group. */
export function isEmptyCondition(c: Condition): boolean {
  if (c.kind === 'and' || c.kind === 'or') return c.conditions.every(isEmptyCondition);
  if (c.kind === 'not') return isEmptyCondition(c.condition);
  return false;
}
