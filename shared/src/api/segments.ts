import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';
import { FriendSummary } from './friends.ts';

/** The condition is parsed with shared's condition schema on the server. */
export const SegmentBody = Type.Object({ condition: Type.Unknown() }, { additionalProperties: false });
export const SegmentCountResponse = Type.Object({ count: Type.Integer() });
export const SegmentSampleResponse = Type.Object({ friends: Type.Array(FriendSummary) });

/** A saved segment (セグメント). `count` is the live number of friends it holds now. */
export const SavedSegment = Type.Object({
  id: Uuid,
  name: Type.String(),
  condition: Type.Unknown(),
  updatedAt: IsoDateTime,
  /** Scenarios whose draft or current published version refers to it (by name, for the page). */
  usedBy: Type.Array(Type.Object({ scenarioId: Uuid, name: Type.String() })),
});
export type SavedSegment = Static<typeof SavedSegment>;

export const SavedSegmentWithCount = Type.Intersect([SavedSegment, Type.Object({ count: Type.Integer() })]);
export type SavedSegmentWithCount = Static<typeof SavedSegmentWithCount>;
export const SavedSegmentList = Type.Object({ segments: Type.Array(SavedSegmentWithCount) });

export const SaveSegmentBody = Type.Object({ name: Name, condition: Type.Unknown() }, { additionalProperties: false });
export type SaveSegmentBody = Static<typeof SaveSegmentBody>;

// ---- The friends page: one filter shape for the list, the count, bulk work and the CSV export.

/** Name search and/or a saved segment and/or an ad-hoc condition; all given parts must hold. */
export const FriendFilter = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 100 })),
    segmentId: Type.Optional(Uuid),
    condition: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type FriendFilter = Static<typeof FriendFilter>;

export const FriendQueryBody = Type.Object(
  {
    filter: FriendFilter,
    /** The `nextCursor` of the previous page; absent for the first page (newest first). */
    after: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type FriendQueryBody = Static<typeof FriendQueryBody>;

/** A row of the table: the summary plus every field value and tag id, so columns are the page's choice. */
export const FriendTableRow = Type.Intersect([
  FriendSummary,
  Type.Object({ fields: Type.Record(Type.String(), Type.Unknown()), tagIds: Type.Array(Uuid) }),
]);
export type FriendTableRow = Static<typeof FriendTableRow>;
export const FriendQueryResponse = Type.Object({ friends: Type.Array(FriendTableRow), nextCursor: Type.Union([Type.String(), Type.Null()]) });
export type FriendQueryResponse = Static<typeof FriendQueryResponse>;

export const FriendFilterBody = Type.Object({ filter: FriendFilter }, { additionalProperties: false });

export const BulkTagsBody = Type.Object(
  {
    filter: FriendFilter,
    add: Type.Array(Uuid, { maxItems: 50 }),
    remove: Type.Array(Uuid, { maxItems: 50 }),
  },
  { additionalProperties: false },
);
export type BulkTagsBody = Static<typeof BulkTagsBody>;

export const IMPORT_ROW_ERROR_CODES = [
  'missing_line_user_id', 'unknown_friend', 'duplicate_row', 'column_count', 'invalid_number', 'invalid_date', 'invalid_choice',
  'text_too_long', 'invalid_tag_value',
] as const;
export type ImportRowErrorCode = (typeof IMPORT_ROW_ERROR_CODES)[number];

export const ImportRowError = Type.Object({
  /** 1-based line number in the file, the header being line 1. */
  line: Type.Integer(),
  lineUserId: Type.String(),
  /** One of IMPORT_ROW_ERROR_CODES (the editor words it from the code); `message` is for API users. */
  code: Type.String(),
  message: Type.String(),
  /** The column (header) and cell concerned, when one is. */
  column: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
  /** For a duplicate: the other line with the same LINE user id. */
  otherLine: Type.Optional(Type.Integer()),
});
export type ImportRowError = Static<typeof ImportRowError>;

export const FriendJob = Type.Object({
  id: Uuid,
  kind: Type.Union([Type.Literal('tags'), Type.Literal('import')]),
  status: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('cancelled'), Type.Literal('failed')]),
  total: Type.Integer(),
  processed: Type.Integer(),
  /** Friends changed (tags: given or lost a tag; import: rows applied). */
  changed: Type.Integer(),
  errors: Type.Array(ImportRowError),
  createdAt: IsoDateTime,
  finishedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type FriendJob = Static<typeof FriendJob>;

/** What an import would do: nothing is written until it is started. */
export const ImportPreview = Type.Object({
  encoding: Type.Union([Type.Literal('utf-8'), Type.Literal('shift_jis')]),
  rows: Type.Integer(),
  valid: Type.Integer(),
  /** The columns as understood: a field, a tag, the LINE user id, or read-only (ignored). */
  columns: Type.Array(Type.Object({
    header: Type.String(),
    role: Type.Union([Type.Literal('lineUserId'), Type.Literal('field'), Type.Literal('tag'), Type.Literal('ignored')]),
    name: Type.String(),
  })),
  /** The first valid rows as they would be applied. */
  sample: Type.Array(Type.Object({
    line: Type.Integer(),
    lineUserId: Type.String(),
    displayName: Type.String(),
    fields: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
    addTagIds: Type.Array(Uuid),
    removeTagIds: Type.Array(Uuid),
  })),
  errors: Type.Array(ImportRowError),
  errorCount: Type.Integer(),
});
export type ImportPreview = Static<typeof ImportPreview>;

/** A file refused whole (encoding, header, size): nothing was read into friends. */
export const IMPORT_FILE_MAX_BYTES = 30 * 1024 * 1024;
