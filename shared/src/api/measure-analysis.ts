import { Type, type Static } from 'typebox';
import { Uuid } from './common.ts';

/*
 * クロス分析 and RFM.
 *
 * POST /api/workspaces/:workspaceId/analysis/cross (viewer+) body CrossBody → CrossTable
 *   Friends (active and blocked; `filter` narrows them) counted by one dimension against another.
 *   Every bucket carries a segment `condition` (shared's Condition JSON), and a cell is
 *   `{kind:'and', conditions:[row.condition, column.condition]}`: the UI opens the friends page with
 *   it as the filter, or saves it as a segment. A friend may sit in several buckets (two tags).
 *   Errors: 400 `invalid_condition`, 404 `field_not_found`, 400 `too_many_buckets` (over 30 a side).
 *
 * GET /api/workspaces/:workspaceId/rfm (viewer+) → RfmSettings (defaults when never saved)
 * PUT /api/workspaces/:workspaceId/rfm (editor+) body RfmSettings → RfmSettings
 *   400 `invalid_rfm_bands` (a band with min > max, overlapping bands), 404 `tag_not_found`.
 * GET /api/workspaces/:workspaceId/rfm/summary (viewer+) → RfmSummary: friends per band, each band's condition.
 * Auto-tags: a band with `tagId` keeps that tag on exactly the friends in the band (a job every hour
 *   and after each conversion; tags added that way fire tag triggers).
 */

export const CrossDimension = Type.Union([
  /** One bucket per tag: friends who have it. */
  Type.Object({ kind: Type.Literal('tag'), tagIds: Type.Array(Uuid, { minItems: 1, maxItems: 30 }) }, { additionalProperties: false }),
  /** choice: one bucket per option + 未設定; other kinds: 設定あり / 未設定. */
  Type.Object({ kind: Type.Literal('field'), fieldId: Uuid }, { additionalProperties: false }),
  /** One bucket per inflow route (deleted ones too while friends came through them) + なし. */
  Type.Object({ kind: Type.Literal('inflowRoute') }, { additionalProperties: false }),
  /** One bucket per conversion point (friends who reached it) + 未コンバージョン. */
  Type.Object({ kind: Type.Literal('conversion'), pointIds: Type.Optional(Type.Array(Uuid, { maxItems: 30 })) }, { additionalProperties: false }),
  /** 有効 / ブロック */
  Type.Object({ kind: Type.Literal('friendStatus') }, { additionalProperties: false }),
  /** One bucket per band of the workspace's RFM settings for this metric. */
  Type.Object({ kind: Type.Literal('rfm'), metric: Type.Union([Type.Literal('recency'), Type.Literal('frequency'), Type.Literal('monetary')]) }, { additionalProperties: false }),
]);
export type CrossDimension = Static<typeof CrossDimension>;

export const CrossBody = Type.Object(
  { rows: CrossDimension, columns: CrossDimension, filter: Type.Optional(Type.Unknown()) },
  { additionalProperties: false },
);
export type CrossBody = Static<typeof CrossBody>;

export const CrossBucket = Type.Object({
  key: Type.String(),
  /** The catalogue name (tag, option, route, point, band label); empty for the built-in "none" buckets, see `none`. */
  label: Type.String(),
  /** A built-in bucket: 'unset' (field), 'none' (route, conversion), 'active' | 'blocked' (status). */
  builtin: Type.Optional(Type.String()),
  /** Friends in this bucket (within the filter). */
  count: Type.Integer({ minimum: 0 }),
  condition: Type.Unknown(),
});
export type CrossBucket = Static<typeof CrossBucket>;

export const CrossTable = Type.Object({
  rows: Type.Array(CrossBucket),
  columns: Type.Array(CrossBucket),
  /** cells[i][j]: friends in rows[i] and columns[j]. Percentages: of `total`, of the row's count, of the column's count. */
  cells: Type.Array(Type.Array(Type.Integer({ minimum: 0 }))),
  total: Type.Integer({ minimum: 0 }),
});
export type CrossTable = Static<typeof CrossTable>;

export const RfmMetric = Type.Union([Type.Literal('recency'), Type.Literal('frequency'), Type.Literal('monetary')]);
export type RfmMetric = Static<typeof RfmMetric>;

/**
 * A band of one metric: recency in days since the last conversion, frequency in conversions,
 * monetary in summed value; `min`/`max` inclusive, absent = open. Its segment leaf is
 * `{kind:'rfm', metric, min?, max?}` (shared conditions).
 */
export const RfmBand = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9_-]{1,32}$' }),
    label: Type.String({ minLength: 1, maxLength: 50 }),
    min: Type.Optional(Type.Number({ minimum: 0 })),
    max: Type.Optional(Type.Number({ minimum: 0 })),
    /** Auto-tag: friends in the band carry this tag, nobody else does. */
    tagId: Type.Optional(Type.Union([Uuid, Type.Null()])),
  },
  { additionalProperties: false },
);
export type RfmBand = Static<typeof RfmBand>;

export const RfmSettings = Type.Object(
  {
    recency: Type.Array(RfmBand, { maxItems: 10 }),
    frequency: Type.Array(RfmBand, { maxItems: 10 }),
    monetary: Type.Array(RfmBand, { maxItems: 10 }),
  },
  { additionalProperties: false },
);
export type RfmSettings = Static<typeof RfmSettings>;

/** What a workspace starts with (30日以内 / 31–90日 / 91日以上 and similar). */
export const DEFAULT_RFM_SETTINGS: RfmSettings = {
  recency: [{ id: 'r1', label: '30日以内', max: 30 }, { id: 'r2', label: '31–90日', min: 31, max: 90 }, { id: 'r3', label: '91日以上', min: 91 }],
  frequency: [{ id: 'f1', label: '1回', min: 1, max: 1 }, { id: 'f2', label: '2–4回', min: 2, max: 4 }, { id: 'f3', label: '5回以上', min: 5 }],
  monetary: [{ id: 'm1', label: '〜9,999円', max: 9999.99 }, { id: 'm2', label: '10,000〜49,999円', min: 10000, max: 49999.99 }, { id: 'm3', label: '50,000円〜', min: 50000 }],
};

export const RfmBandCount = Type.Object({ bandId: Type.String(), label: Type.String(), count: Type.Integer({ minimum: 0 }), condition: Type.Unknown() });
export const RfmSummary = Type.Object({
  /** Friends with at least one conversion. */
  converted: Type.Integer({ minimum: 0 }),
  recency: Type.Array(RfmBandCount),
  frequency: Type.Array(RfmBandCount),
  monetary: Type.Array(RfmBandCount),
});
export type RfmSummary = Static<typeof RfmSummary>;
