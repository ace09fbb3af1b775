import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';

// 流入経路: a named URL / QR code, what happens when a friend arrives through it, and its report.

export const RouteRepeat = Type.Union([Type.Literal('firstTimeOnly'), Type.Literal('everyTime')]);
export type RouteRepeat = Static<typeof RouteRepeat>;

/** What a friend gets on arriving through the route: tags added and a scenario entered by manual enrolment. */
export const InflowRouteActions = Type.Object(
  {
    tagIds: Type.Array(Uuid, { maxItems: 20, uniqueItems: true }),
    scenarioId: Type.Union([Uuid, Type.Null()]),
    /** Run the actions only on a friend's first arrival through this route, or on every arrival. */
    repeat: RouteRepeat,
  },
  { additionalProperties: false },
);
export type InflowRouteActions = Static<typeof InflowRouteActions>;

export const RouteCode = Type.String({ pattern: '^[a-z0-9-]{1,40}$' });

export const InflowRouteDetail = Type.Object({
  id: Uuid,
  name: Type.String(),
  code: Type.String(),
  channelId: Type.Union([Uuid, Type.Null()]),
  actions: InflowRouteActions,
  /** The URL to share or print: opening it identifies the LINE user, then offers to add the account. */
  url: Type.String(),
  createdAt: IsoDateTime,
});
export type InflowRouteDetail = Static<typeof InflowRouteDetail>;

export const SaveInflowRouteBody = Type.Object(
  {
    name: Name,
    code: Type.Optional(RouteCode),
    channelId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    actions: Type.Optional(InflowRouteActions),
  },
  { additionalProperties: false },
);
export type SaveInflowRouteBody = Static<typeof SaveInflowRouteBody>;

export const QrQuery = Type.Object({ format: Type.Union([Type.Literal('png'), Type.Literal('svg')]) }, { additionalProperties: false });

export const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });

export const RouteReportQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export type RouteReportQuery = Static<typeof RouteReportQuery>;

export const RouteReportDay = Type.Object({
  date: IsoDate,
  added: Type.Integer({ minimum: 0 }),
  blocked: Type.Integer({ minimum: 0 }),
  /**
   * Friends of the route (their `inflowRoute`) with a conversion recorded that day, each friend
   * once (null only from a runtime that did not measure conversions: `conversionsAvailable` false).
   */
  converted: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
});
export type RouteReportDay = Static<typeof RouteReportDay>;

export const RouteReportRow = Type.Object({
  routeId: Uuid,
  name: Type.String(),
  deleted: Type.Boolean(),
  days: Type.Array(RouteReportDay),
  /** `converted` counts each friend once in the whole period, so it may be less than the days' sum. */
  totals: Type.Object({ added: Type.Integer(), blocked: Type.Integer(), converted: Type.Union([Type.Integer(), Type.Null()]) }),
});
export type RouteReportRow = Static<typeof RouteReportRow>;

/** Per route per day in the workspace's time zone, `from`..`to` inclusive. */
export const RouteReport = Type.Object({
  from: IsoDate,
  to: IsoDate,
  timeZone: Type.String(),
  conversionsAvailable: Type.Boolean(),
  routes: Type.Array(RouteReportRow),
});
export type RouteReport = Static<typeof RouteReport>;

/** A channel's LINE Login settings; the secret is write-only (shown back only as a hint). */
export const SaveChannelLoginBody = Type.Object(
  {
    loginChannelId: Type.String({ pattern: '^[0-9]{6,20}$' }),
    loginChannelSecret: Type.Optional(Type.String({ pattern: '^[0-9a-f]{32}$' })),
    basicId: Type.Optional(Type.Union([Type.String({ pattern: '^@[0-9a-z._-]{1,40}$' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export type SaveChannelLoginBody = Static<typeof SaveChannelLoginBody>;

export const ChannelLogin = Type.Object({
  loginChannelId: Type.String(),
  loginChannelSecretHint: Type.String(),
  basicId: Type.Union([Type.String(), Type.Null()]),
});
export type ChannelLogin = Static<typeof ChannelLogin>;
