import { Type, type Static } from 'typebox';
import type { ReferenceKind } from '../graph/catalogue.ts';

// What a template carries besides its graph: the catalogue entries its graph refers to, by the
// ids the graph uses ("template-local" ids: the source workspace's ids, or a starter's fixed ids).
// Cloning maps each to an entry of the target workspace (or creates one) and rewrites the graph.

const RefId = Type.String({ minLength: 1, maxLength: 200 });
const RefName = Type.String({ minLength: 1, maxLength: 100 });
export const TemplateFieldKind = Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date'), Type.Literal('choice')]);

export const TemplateTagRef = Type.Object({ id: RefId, name: RefName, folder: Type.Union([RefName, Type.Null()]) }, { additionalProperties: false });
export const TemplateFieldRef = Type.Object({
  id: RefId, name: RefName, kind: TemplateFieldKind, choices: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 }),
}, { additionalProperties: false });
export const TemplateRouteRef = Type.Object({ id: RefId, name: RefName }, { additionalProperties: false });
export const TemplateLinkRef = Type.Object({ id: RefId, name: RefName, url: Type.String({ maxLength: 1000 }) }, { additionalProperties: false });
export const TemplateScenarioRef = Type.Object({ id: RefId, name: RefName }, { additionalProperties: false });

/** Everything a template's graph refers to. Saved segments are inlined into conditions at save, so none are listed. */
export const TemplateReferences = Type.Object({
  tags: Type.Array(TemplateTagRef, { maxItems: 1000 }),
  fields: Type.Array(TemplateFieldRef, { maxItems: 1000 }),
  inflowRoutes: Type.Array(TemplateRouteRef, { maxItems: 1000 }),
  links: Type.Array(TemplateLinkRef, { maxItems: 1000 }),
  scenarios: Type.Array(TemplateScenarioRef, { maxItems: 1000 }),
}, { additionalProperties: false });
export type TemplateReferences = Static<typeof TemplateReferences>;

/** The reference kinds a template maps (segments are inlined). */
export const TEMPLATE_REFERENCE_KINDS = ['tag', 'field', 'inflowRoute', 'link', 'scenario'] as const satisfies readonly ReferenceKind[];
export type TemplateReferenceKind = (typeof TEMPLATE_REFERENCE_KINDS)[number];
export const TemplateReferenceKindSchema = Type.Enum(TEMPLATE_REFERENCE_KINDS);

export const REFERENCE_LISTS = {
  tag: 'tags', field: 'fields', inflowRoute: 'inflowRoutes', link: 'links', scenario: 'scenarios',
} as const satisfies Record<TemplateReferenceKind, keyof TemplateReferences>;

/** A reference's key in mappings: `tag:<id>`, `field:<id>`, … */
export type ReferenceKey = string;
export const referenceKey = (kind: TemplateReferenceKind, id: string): ReferenceKey => `${kind}:${id}`;
export function parseReferenceKey(key: string): { kind: TemplateReferenceKind; id: string } | null {
  const at = key.indexOf(':');
  const kind = key.slice(0, at) as TemplateReferenceKind;
  return at > 0 && TEMPLATE_REFERENCE_KINDS.includes(kind) && at < key.length - 1 ? { kind, id: key.slice(at + 1) } : null;
}

export const emptyReferences = (): TemplateReferences => ({ tags: [], fields: [], inflowRoutes: [], links: [], scenarios: [] });

/** Every reference of a template as one list, in a stable order (kind, then name). */
export function referenceList(references: TemplateReferences) {
  return TEMPLATE_REFERENCE_KINDS.flatMap((kind) =>
    [...references[REFERENCE_LISTS[kind]]].sort((a, b) => a.name.localeCompare(b.name)).map((entry) => ({ kind, entry })));
}
