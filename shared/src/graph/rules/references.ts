import { catalogueEntry, type Catalogue, type Reference, type ReferenceKind } from '../catalogue.ts';
import { nodeReferences } from '../../nodes/registry.ts';
import { flowIssue, type FlowIssue, type FlowIssueCode } from '../issues.ts';
import type { FlowNode } from '../schema.ts';

const UNKNOWN: Record<ReferenceKind, FlowIssueCode> = {
  tag: 'unknownTag',
  field: 'unknownField',
  inflowRoute: 'unknownInflowRoute',
  scenario: 'unknownScenario',
  link: 'unknownLink',
  segment: 'unknownSegment',
};

/**
 * A choice left empty is always an issue; with the workspace's catalogue, so is an id it does not
 * hold, and a field of the wrong kind (a number comparison on a text field).
 */
export function referenceIssues(node: FlowNode, catalogue: Catalogue | undefined): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const reported = new Set<string>();
  const once = (key: string, issue: FlowIssue) => {
    if (reported.has(key)) return;
    reported.add(key);
    issues.push(issue);
  };
  for (const ref of nodeReferences(node)) {
    if (ref.id === '') {
      once(`missing:${ref.kind}`, flowIssue('missingValue', { nodeId: node.id }, { what: ref.kind }));
      continue;
    }
    if (!catalogue || (ref.kind === 'segment' && !catalogue.segments)) continue;
    const entry = catalogueEntry(catalogue, ref.kind, ref.id);
    if (!entry) {
      once(`${ref.kind}:${ref.id}`, flowIssue(UNKNOWN[ref.kind], { nodeId: node.id }, { id: ref.id }));
      continue;
    }
    const mismatch = fieldKindMismatch(ref, catalogue);
    if (mismatch) once(`kind:${ref.id}:${mismatch.expected}`, flowIssue('fieldKindMismatch', { nodeId: node.id }, mismatch));
  }
  return issues;
}

function fieldKindMismatch(ref: Reference, catalogue: Catalogue) {
  if (ref.kind !== 'field' || !ref.fieldKinds) return undefined;
  const field = catalogue.fields.find((f) => f.id === ref.id);
  if (!field || ref.fieldKinds.includes(field.kind)) return undefined;
  return { name: field.name, actual: field.kind, expected: ref.fieldKinds.join('|') };
}
