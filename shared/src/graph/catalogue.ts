// The workspace's named things that graphs and conditions refer to by id. Optional everywhere:
// without it, summaries show ids and the validator skips the unknown-reference rules.

export type FieldKind = 'text' | 'number' | 'date' | 'choice';

export interface Catalogue {
  tags: { id: string; name: string }[];
  fields: { id: string; name: string; kind: FieldKind; choices?: string[] }[];
  inflowRoutes: { id: string; name: string }[];
  scenarios: { id: string; name: string }[];
  /** `url` is where a click lands; optional, since only previews need it. */
  links: { id: string; name: string; url?: string }[];
  /** Saved segments (セグメント); absent where a caller does not load them, and then not checked. */
  segments?: { id: string; name: string }[];
  /** Conversion points, for summaries only (absent: ids are shown; an unknown point never fires). */
  conversionPoints?: { id: string; name: string }[];
}

/** A conversion point's name, or its id when unknown. */
export function conversionPointName(catalogue: Catalogue | undefined, id: string): string {
  return catalogue?.conversionPoints?.find((p) => p.id === id)?.name ?? id;
}

export type ReferenceKind = 'tag' | 'field' | 'inflowRoute' | 'scenario' | 'link' | 'segment';

/** One id a node refers to; `fieldKinds` lists the field kinds that make sense at that place. */
export interface Reference {
  kind: ReferenceKind;
  id: string;
  fieldKinds?: readonly FieldKind[];
}

const LISTS = {
  tag: 'tags',
  field: 'fields',
  inflowRoute: 'inflowRoutes',
  scenario: 'scenarios',
  link: 'links',
  segment: 'segments',
} as const satisfies Record<ReferenceKind, keyof Catalogue>;

export function catalogueEntry(catalogue: Catalogue, kind: ReferenceKind, id: string) {
  const list: readonly { id: string; name: string }[] = catalogue[LISTS[kind]] ?? [];
  return list.find((entry) => entry.id === id);
}

/** The display name of a referenced thing, or its id when there is no catalogue or no such entry. */
export function nameOf(catalogue: Catalogue | undefined, kind: ReferenceKind, id: string): string {
  return (catalogue && catalogueEntry(catalogue, kind, id)?.name) ?? id;
}
