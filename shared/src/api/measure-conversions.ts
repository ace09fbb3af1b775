import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';

/*
 * Conversions (コンバージョン): points a workspace defines, and each time a friend reached one.
 *
 * Recorded four ways, each counted at most once:
 * - server to server: POST /api/workspaces/:workspaceId/conversions with an API token
 *   (`Authorization: Bearer lsb_…`, editor role or more), idempotent on `orderId`;
 * - by hand on the friend page: POST /api/workspaces/:workspaceId/friends/:friendId/conversions;
 * - a pixel on the thank-you page: GET /c/:pointId/pixel.gif?ct=<click token>[&order=…][&value=…]
 *   (public; always a 1×1 GIF, the outcome in the `x-lsb-conversion` header);
 * - a redirect: GET /c/:pointId/go?ct=<click token>[&to=<one of the point's urls>][&order=…][&value=…]
 *   (public; 302 only ever to one of the point's `urls`, the first when `to` is absent or not one of
 *   them; never an open redirect).
 * The click token is the one in the friend's tracked link (`/l/<token>/<linkId>`); a tracked link
 * whose URL has the same origin as one of a point's `urls` hands it on as the query parameter
 * `lsb_ct`, so the shop's thank-you page can put it into the pixel or redirect.
 * Link-preview fetchers (facebookexternalhit, Twitterbot, Slackbot, LINE's preview, …) are never counted.
 */

/** The query parameter a tracked link adds to URLs of a conversion point's site. */
export const CLICK_TOKEN_PARAM = 'lsb_ct';
/** Attribution looks back this many days for the friend's last tracked-link click (then their last send). */
export const DEFAULT_ATTRIBUTION_DAYS = 7;
export const MAX_CONVERSION_VALUE = 1_000_000_000;

/** A value in the workspace's currency (yen): not negative, at most two decimals. */
export const ConversionValue = Type.Number({ minimum: 0, maximum: MAX_CONVERSION_VALUE, multipleOf: 0.01 });
/**
 * A value as a request carries it: a number or a numeric string ("1980", "19.80"). Checked by the
 * runtime, so a negative, non-numeric or over-precise value is 400 `invalid_conversion_value`.
 */
export const ConversionValueInput = Type.Union([Type.Number(), Type.String({ maxLength: 30 })]);
export const OrderId = Type.String({ minLength: 1, maxLength: 200, pattern: '^[\\x21-\\x7e]+$' });
/** Absolute http(s) URL, no credentials; checked again by the runtime (400 `invalid_conversion_url`). */
export const ConversionUrl = Type.String({ minLength: 8, maxLength: 2000, pattern: '^https?://' });

export const ConversionPoint = Type.Object({
  id: Uuid,
  name: Type.String(),
  /** Used when a conversion is recorded without a value; null: no value. */
  defaultValue: Type.Union([ConversionValue, Type.Null()]),
  /** Where the redirect route may send people (the first is the default); tracked links into these origins carry `lsb_ct`. */
  urls: Type.Array(Type.String()),
  /** Tags each converting friend gets (tag triggers fire as when an operator adds them). */
  addTagIds: Type.Array(Uuid),
  /** Days a tracked-link click still attributes a conversion (default DEFAULT_ATTRIBUTION_DAYS). */
  attributionDays: Type.Integer({ minimum: 1, maximum: 90 }),
  createdAt: IsoDateTime,
  /** How often it was reached (all time). */
  count: Type.Integer({ minimum: 0 }),
  totalValue: Type.Number({ minimum: 0 }),
  /** Ready-made public addresses (PUBLIC_URL based); the page replaces `{ct}` with the friend's click token. */
  pixelUrl: Type.String(),
  redirectUrl: Type.String(),
});
export type ConversionPoint = Static<typeof ConversionPoint>;

/** GET /api/workspaces/:workspaceId/conversion-points → ConversionPointList */
export const ConversionPointList = Type.Object({ points: Type.Array(ConversionPoint) });
export type ConversionPointList = Static<typeof ConversionPointList>;

/** POST …/conversion-points → 201 ConversionPoint; PUT …/conversion-points/:id → ConversionPoint (editor+).
 *  DELETE …/conversion-points/:id → 204 (recorded conversions stay; 404 `conversion_point_not_found`).
 *  409 `conversion_point_name_taken`; 400 `invalid_conversion_url`; 404 `tag_not_found`. */
export const SaveConversionPointBody = Type.Object(
  {
    name: Name,
    defaultValue: Type.Optional(Type.Union([ConversionValue, Type.Null()])),
    urls: Type.Optional(Type.Array(ConversionUrl, { maxItems: 10 })),
    addTagIds: Type.Optional(Type.Array(Uuid, { maxItems: 20 })),
    attributionDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 90 })),
  },
  { additionalProperties: false },
);
export type SaveConversionPointBody = Static<typeof SaveConversionPointBody>;

/** What a conversion is credited to: the node or broadcast of the last tracked-link click within the window, else the last send. */
export const Attribution = Type.Union([
  Type.Object({ kind: Type.Literal('node'), scenarioId: Uuid, nodeId: Type.String(), via: Type.Union([Type.Literal('click'), Type.Literal('send')]) }),
  Type.Object({ kind: Type.Literal('broadcast'), broadcastId: Uuid, via: Type.Union([Type.Literal('click'), Type.Literal('send')]) }),
]);
export type Attribution = Static<typeof Attribution>;

export const ConversionSource = Type.Union([Type.Literal('api'), Type.Literal('pixel'), Type.Literal('redirect'), Type.Literal('manual')]);
export type ConversionSource = Static<typeof ConversionSource>;

export const Conversion = Type.Object({
  id: Uuid,
  pointId: Type.Union([Uuid, Type.Null()]),
  name: Type.String(),
  friendId: Uuid,
  value: Type.Union([Type.Number(), Type.Null()]),
  orderId: Type.Union([Type.String(), Type.Null()]),
  source: ConversionSource,
  attribution: Type.Union([Attribution, Type.Null()]),
  at: IsoDateTime,
});
export type Conversion = Static<typeof Conversion>;

/**
 * POST /api/workspaces/:workspaceId/conversions (API token or session, editor+) → 201 RecordConversionResponse,
 * or 200 with `duplicate: true` and the first recording when the `orderId` was seen before (nothing changes).
 * Exactly one of friendId, lineUserId, clickToken names the friend.
 * Errors: 404 `conversion_point_not_found`, 404 `friend_not_found`, 400 `invalid_click_token` (unknown,
 * forged or expired), 400 `invalid_conversion_value` (negative, not a number), 400 `friend_required`.
 */
export const RecordConversionBody = Type.Object(
  {
    pointId: Uuid,
    friendId: Type.Optional(Uuid),
    lineUserId: Type.Optional(Type.String({ pattern: '^U[0-9a-f]{32}$' })),
    clickToken: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    value: Type.Optional(ConversionValueInput),
    orderId: Type.Optional(OrderId),
  },
  { additionalProperties: false },
);
export type RecordConversionBody = Static<typeof RecordConversionBody>;
export const RecordConversionResponse = Type.Object({ duplicate: Type.Boolean(), conversion: Conversion });
export type RecordConversionResponse = Static<typeof RecordConversionResponse>;

/** POST /api/workspaces/:workspaceId/friends/:friendId/conversions (editor+, by hand) → 201 RecordConversionResponse. */
export const ManualConversionBody = Type.Object(
  { pointId: Uuid, value: Type.Optional(ConversionValueInput), orderId: Type.Optional(OrderId) },
  { additionalProperties: false },
);
export type ManualConversionBody = Static<typeof ManualConversionBody>;

/** GET /api/workspaces/:workspaceId/friends/:friendId/conversions → ConversionList (newest first, 200 at most).
 *  GET /api/workspaces/:workspaceId/conversions?pointId=&limit= → ConversionList (newest first). */
export const ConversionList = Type.Object({ conversions: Type.Array(Conversion) });
export type ConversionList = Static<typeof ConversionList>;
export const ConversionListQuery = Type.Object(
  { pointId: Type.Optional(Uuid), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })) },
  { additionalProperties: false },
);

/** Outcomes of the public pixel and redirect routes, in the `x-lsb-conversion` header. */
export const PUBLIC_CONVERSION_OUTCOMES = ['counted', 'duplicate', 'preview', 'invalid_token', 'unknown_point', 'invalid_value'] as const;
export type PublicConversionOutcome = (typeof PUBLIC_CONVERSION_OUTCOMES)[number];
