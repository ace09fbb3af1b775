import { Type, type Static } from 'typebox';
import { Name, Uuid } from './common.ts';

export const Tag = Type.Object({ id: Uuid, name: Type.String(), folderId: Type.Union([Uuid, Type.Null()]) });
export type Tag = Static<typeof Tag>;
export const CreateTagBody = Type.Object({ name: Name, folderId: Type.Optional(Type.Union([Uuid, Type.Null()])) }, { additionalProperties: false });
export type CreateTagBody = Static<typeof CreateTagBody>;

export const TagFolder = Type.Object({ id: Uuid, name: Type.String() });
export type TagFolder = Static<typeof TagFolder>;
export const CreateTagFolderBody = Type.Object({ name: Name }, { additionalProperties: false });

export const FieldKind = Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date'), Type.Literal('choice')]);
export const Field = Type.Object({ id: Uuid, name: Type.String(), kind: FieldKind, choices: Type.Array(Type.String()) });
export type Field = Static<typeof Field>;
export const CreateFieldBody = Type.Object(
  { name: Name, kind: FieldKind, choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 })) },
  { additionalProperties: false },
);
export type CreateFieldBody = Static<typeof CreateFieldBody>;

export const InflowRoute = Type.Object({ id: Uuid, name: Type.String(), code: Type.String() });
export type InflowRoute = Static<typeof InflowRoute>;
// Creating and editing routes: see inflow-routes.ts.

/** A tracked link's click counts for this many days after the send that carried it (shown on the links page). */
export const CLICK_COUNT_DAYS = 180;

export const TrackedLink = Type.Object({ id: Uuid, name: Type.String(), url: Type.String() });
export type TrackedLink = Static<typeof TrackedLink>;
export const CreateTrackedLinkBody = Type.Object(
  { name: Name, url: Type.String({ pattern: '^https?://', maxLength: 1000 }) },
  { additionalProperties: false },
);
export type CreateTrackedLinkBody = Static<typeof CreateTrackedLinkBody>;

/** Everything a graph may refer to by id: the editor's pickers and the validator's reference check. */
export const CatalogueResponse = Type.Object({
  tags: Type.Array(Tag),
  tagFolders: Type.Array(TagFolder),
  fields: Type.Array(Field),
  inflowRoutes: Type.Array(InflowRoute),
  scenarios: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
  links: Type.Array(TrackedLink),
  /** Saved segments, for condition pickers and the validator's unknownSegment check. */
  segments: Type.Optional(Type.Array(Type.Object({ id: Uuid, name: Type.String() }))),
});
export type CatalogueResponse = Static<typeof CatalogueResponse>;
