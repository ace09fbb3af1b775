import type { MappingChoice, ReferenceRow, TemplateErrorCode } from '../api/templates.ts';
import type { FieldKind } from '../graph/catalogue.ts';
import { fieldCompatible } from './graph-references.ts';
import { referenceKey, referenceList, REFERENCE_LISTS, type TemplateReferenceKind, type TemplateReferences } from './references.ts';

// The clone wizard's logic, pure so the editor can pre-check what the runtime will decide.

/** The target workspace's entries a template may map onto. */
export interface MappingCatalogue {
  tags: readonly { id: string; name: string }[];
  fields: readonly { id: string; name: string; kind: FieldKind; choices: readonly string[] }[];
  inflowRoutes: readonly { id: string; name: string }[];
  links: readonly { id: string; name: string }[];
  scenarios: readonly { id: string; name: string }[];
}

type Entry = TemplateReferences[keyof TemplateReferences][number];
const isField = (kind: TemplateReferenceKind, entry: Entry): entry is TemplateReferences['fields'][number] => kind === 'field' && 'kind' in entry;

function candidatesFor(kind: TemplateReferenceKind, entry: Entry, catalogue: MappingCatalogue) {
  const list: readonly { id: string; name: string; kind?: FieldKind; choices?: readonly string[] }[] = catalogue[REFERENCE_LISTS[kind]];
  return list.filter((target) => !isField(kind, entry) || fieldCompatible(entry, { kind: target.kind!, choices: target.choices ?? [] }));
}

/**
 * One row per reference: the workspace's remembered mapping when it still points at a compatible
 * entry, else an entry with the same name (fields: compatible only), else "create".
 */
export function mappingRows(references: TemplateReferences, catalogue: MappingCatalogue, remembered: ReadonlyMap<string, string>): ReferenceRow[] {
  return referenceList(references).map(({ kind, entry }) => {
    const key = referenceKey(kind, entry.id);
    const candidates = candidatesFor(kind, entry, catalogue).map((c) => ({ id: c.id, name: c.name }));
    const rememberedId = remembered.get(key);
    const rememberedTarget = rememberedId ? candidates.find((c) => c.id === rememberedId) : undefined;
    const sameName = candidates.find((c) => c.name === entry.name);
    const target = rememberedTarget ?? sameName;
    const suggestion: MappingChoice = target ? { action: 'existing', targetId: target.id } : { action: 'create' };
    return {
      key, kind, id: entry.id, name: entry.name,
      ...('folder' in entry ? { folder: entry.folder } : {}),
      ...(isField(kind, entry) ? { fieldKind: entry.kind, choices: [...entry.choices] } : {}),
      ...('url' in entry ? { url: entry.url } : {}),
      suggestion, remembered: Boolean(rememberedTarget), candidates,
    };
  });
}

export interface MappingProblem {
  code: Extract<TemplateErrorCode, 'mapping_unknown_reference' | 'mapping_target_not_found' | 'mapping_field_kind_mismatch' | 'mapping_name_taken'>;
  key: string;
  message: string;
}

export interface ResolvedMapping {
  /** Reference key → existing workspace id. */
  existing: Map<string, string>;
  /** References to create, with the name to give them. */
  create: { key: string; kind: TemplateReferenceKind; name: string; entry: Entry }[];
  /** Reference keys with no answer. */
  unmapped: string[];
  problems: MappingProblem[];
}

/** Checks the wizard's answers against the template and the workspace; any problem means nothing may be written. */
export function resolveMapping(references: TemplateReferences, catalogue: MappingCatalogue, mapping: Readonly<Record<string, MappingChoice>>): ResolvedMapping {
  const rows = referenceList(references);
  const known = new Map(rows.map((row) => [referenceKey(row.kind, row.entry.id), row]));
  const result: ResolvedMapping = { existing: new Map(), create: [], unmapped: [], problems: [] };
  for (const key of Object.keys(mapping)) {
    if (!known.has(key)) result.problems.push({ code: 'mapping_unknown_reference', key, message: `The template has no reference ${key}.` });
  }
  const creating = new Set<string>();
  for (const [key, { kind, entry }] of known) {
    const choice = mapping[key];
    if (!choice) {
      result.unmapped.push(key);
      continue;
    }
    const list: readonly { id: string; name: string; kind?: FieldKind; choices?: readonly string[] }[] = catalogue[REFERENCE_LISTS[kind]];
    if (choice.action === 'existing') {
      const target = list.find((t) => t.id === choice.targetId);
      if (!target) {
        result.problems.push({ code: 'mapping_target_not_found', key, message: `No ${kind} ${choice.targetId} in this workspace for ${key}.` });
      } else if (isField(kind, entry) && !fieldCompatible(entry, { kind: target.kind!, choices: target.choices ?? [] })) {
        result.problems.push({
          code: 'mapping_field_kind_mismatch', key,
          message: `The field "${entry.name}" (${entry.kind}) cannot map to "${target.name}" (${target.kind}${target.kind === 'choice' ? `: ${(target.choices ?? []).join(', ')}` : ''}).`,
        });
      } else {
        result.existing.set(key, target.id);
      }
      continue;
    }
    const name = choice.name ?? entry.name;
    // Routes, links and scenarios may share names; tags and fields are unique per workspace.
    const unique = kind === 'tag' || kind === 'field';
    if (unique && (list.some((t) => t.name === name) || creating.has(`${kind}:${name}`))) {
      result.problems.push({ code: 'mapping_name_taken', key, message: `This workspace already has a ${kind} named "${name}".` });
      continue;
    }
    creating.add(`${kind}:${name}`);
    result.create.push({ key, kind, name, entry });
  }
  return result;
}
