import { FieldKind } from './catalogue.ts';
import { Type, type Static } from 'typebox';
import { Name, Uuid } from './common.ts';

// Managing the catalogue (タグ管理 / 友だち情報欄 / リンク): rename, move, merge, delete with usage.

export const UpdateTagBody = Type.Object(
  { name: Type.Optional(Name), folderId: Type.Optional(Type.Union([Uuid, Type.Null()])) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTagBody = Static<typeof UpdateTagBody>;

export const MergeTagBody = Type.Object({ intoTagId: Uuid }, { additionalProperties: false });
export type MergeTagBody = Static<typeof MergeTagBody>;

export const UpdateTagFolderBody = Type.Object({ name: Name }, { additionalProperties: false });

export const UpdateFieldBody = Type.Object(
  {
    name: Type.Optional(Name),
    choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })),
    /** A new kind; refused (409 `field_has_values`, with the count) while any friend holds a value. */
    kind: Type.Optional(FieldKind),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateFieldBody = Static<typeof UpdateFieldBody>;

export const UpdateTrackedLinkBody = Type.Object(
  { name: Type.Optional(Name), url: Type.Optional(Type.String({ pattern: '^https?://', maxLength: 1000 })) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTrackedLinkBody = Static<typeof UpdateTrackedLinkBody>;

/** `force` confirms deleting something still in use (the counts were shown first). */
export const DeleteQuery = Type.Object({ force: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

const ScenarioRef = Type.Object({ id: Uuid, name: Type.String() });

/**
 * Who uses a tag, field or link: friends holding it (a tag) or a value (a field), scenario drafts
 * that refer to it, and published versions of scenarios that are not archived (which cannot be
 * rewritten: they are immutable, so deleting is refused while one refers to it).
 */
export const CatalogueUsage = Type.Object({
  friends: Type.Integer(),
  drafts: Type.Array(ScenarioRef),
  published: Type.Array(ScenarioRef),
});
export type CatalogueUsage = Static<typeof CatalogueUsage>;
