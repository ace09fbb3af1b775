import { Type, type Static } from 'typebox';
import { IsoDateTime, Uuid } from './common.ts';
import { IsoDate } from './inflow-routes.ts';

/*
 * Statistics of a scenario for a date range (days in the workspace's time zone, `from`..`to`
 * inclusive; default the last 30 days). Counts are exact under retries: a send is one outbox row
 * however often it was attempted.
 *
 * GET /api/workspaces/:workspaceId/scenarios/:id/measure/nodes?from&to → NodeMeasures (viewer+)
 * GET /api/workspaces/:workspaceId/scenarios/:id/measure/analytics?from&to → ScenarioAnalytics (viewer+)
 * PUT /api/workspaces/:workspaceId/scenarios/:id/measure/splits/:nodeId/winner (editor+)
 *   body { branchId } → SplitComparison: chooses the winner by hand (audit `split_winner_chosen`);
 *   DELETE … → 204 clears it (the weights apply again).
 * Errors: 404 `scenario_not_found`, 404 `node_not_found`, 400 `invalid_date_range` (to before from, over 366 days).
 */

export const MeasureRangeQuery = Type.Object(
  { from: Type.Optional(IsoDate), to: Type.Optional(IsoDate) },
  { additionalProperties: false },
);
export type MeasureRangeQuery = Static<typeof MeasureRangeQuery>;
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

/** How many friends left a branch / random split by one output, and their share of those that left it. */
export const OutputShare = Type.Object({
  output: Type.String(),
  friends: Type.Integer({ minimum: 0 }),
  /** 0..1; 0 when nobody left the node yet. */
  share: Type.Number({ minimum: 0, maximum: 1 }),
});
export type OutputShare = Static<typeof OutputShare>;

/**
 * LINE's own figures for a send node's customAggregationUnit (insight API), fetched on a schedule.
 * LINE withholds numbers below its privacy threshold (fewer than 20 people): such a value is null
 * and `withheld` lists which; `fetchedAt` null means not fetched yet.
 */
export const InsightMeasure = Type.Object({
  unit: Type.String(),
  uniqueImpression: Type.Union([Type.Integer(), Type.Null()]),
  uniqueClick: Type.Union([Type.Integer(), Type.Null()]),
  /** Sum of the bubbles' impressions (null when LINE withheld any). */
  impression: Type.Union([Type.Integer(), Type.Null()]),
  withheld: Type.Array(Type.Union([Type.Literal('uniqueImpression'), Type.Literal('uniqueClick'), Type.Literal('impression')])),
  fetchedAt: Type.Union([IsoDateTime, Type.Null()]),
  /**
   * LINE refused sends for carrying this unit, which then went out without it (so LINE counts
   * fewer of them, or none): `unavailable` (the account may not use units) or `limit` (this
   * month's units were used up). Absent: never refused.
   */
  refusal: Type.Optional(Type.Union([Type.Literal('unavailable'), Type.Literal('limit')])),
});
export type InsightMeasure = Static<typeof InsightMeasure>;
export const INSIGHT_PRIVACY_THRESHOLD = 20;

export const NodeMeasure = Type.Object({
  /** Runs that entered the node in the range (each visit counts). */
  entered: Type.Integer({ minimum: 0 }),
  /** Runs waiting at the node right now (not limited by the range). */
  waiting: Type.Integer({ minimum: 0 }),
  /** Send nodes: outbox rows sent / failed in the range (one row per friend per visit, however often retried). */
  sent: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
  /** Friends who clicked a tracked link of this node's sends (each friend once). */
  uniqueClicks: Type.Integer({ minimum: 0 }),
  /** Conversions attributed to this node in the range, and the sum of their values. */
  conversions: Type.Integer({ minimum: 0 }),
  conversionValue: Type.Number({ minimum: 0 }),
  /** Branch and random-split nodes: one entry per output (case ids + `else`, or branch ids). */
  outputs: Type.Optional(Type.Array(OutputShare)),
  insight: Type.Optional(InsightMeasure),
});
export type NodeMeasure = Static<typeof NodeMeasure>;

export const NodeMeasures = Type.Object({
  from: IsoDate,
  to: IsoDate,
  timeZone: Type.String(),
  nodes: Type.Record(Type.String(), NodeMeasure),
});
export type NodeMeasures = Static<typeof NodeMeasures>;

/** A proportion with its 95% Wilson interval. */
export const Rate = Type.Object({
  successes: Type.Integer({ minimum: 0 }),
  trials: Type.Integer({ minimum: 0 }),
  rate: Type.Number(),
  low: Type.Number(),
  high: Type.Number(),
});
export type Rate = Static<typeof Rate>;

/** Two-proportion z-test of the best variant against the others (pooled); null below 1 trial per arm. */
export const SignificanceTest = Type.Object({
  z: Type.Number(),
  pValue: Type.Number({ minimum: 0, maximum: 1 }),
  /** pValue < 0.05 */
  significant: Type.Boolean(),
  /** The variant with the highest rate. */
  leader: Type.String(),
});
export type SignificanceTest = Static<typeof SignificanceTest>;

export const SplitVariant = Type.Object({
  branchId: Type.String(),
  label: Type.String(),
  weight: Type.Integer(),
  friends: Type.Integer({ minimum: 0 }),
  clickRate: Rate,
  conversionRate: Rate,
  conversionValue: Type.Number({ minimum: 0 }),
});
export type SplitVariant = Static<typeof SplitVariant>;

export const SplitWinner = Type.Object({
  branchId: Type.String(),
  decidedAt: IsoDateTime,
  /** `auto`: the node's autoWinner rule; `manual`: chosen on the analytics page. */
  by: Type.Union([Type.Literal('auto'), Type.Literal('manual')]),
});
export type SplitWinner = Static<typeof SplitWinner>;

export const SplitComparison = Type.Object({
  nodeId: Type.String(),
  variants: Type.Array(SplitVariant),
  clickTest: Type.Union([SignificanceTest, Type.Null()]),
  conversionTest: Type.Union([SignificanceTest, Type.Null()]),
  /** Once set, every later friend goes down this branch. */
  winner: Type.Union([SplitWinner, Type.Null()]),
});
export type SplitComparison = Static<typeof SplitComparison>;
export const SplitWinnerBody = Type.Object({ branchId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
export const SplitParams = Type.Object({ workspaceId: Uuid, id: Uuid, nodeId: Type.String({ minLength: 1, maxLength: 64 }) });

/** One node along the scenario's path (breadth first from the triggers, `depth` steps in). */
export const FunnelStep = Type.Object({
  nodeId: Type.String(),
  type: Type.String(),
  depth: Type.Integer({ minimum: 0 }),
  /** Distinct friends who entered it in the range. */
  friends: Type.Integer({ minimum: 0 }),
  /** friends / friends at the triggers (0..1). */
  share: Type.Number({ minimum: 0 }),
});
export type FunnelStep = Static<typeof FunnelStep>;

export const DailyMeasure = Type.Object({
  date: IsoDate,
  sent: Type.Integer({ minimum: 0 }),
  uniqueClicks: Type.Integer({ minimum: 0 }),
  conversions: Type.Integer({ minimum: 0 }),
  conversionValue: Type.Number({ minimum: 0 }),
});
export type DailyMeasure = Static<typeof DailyMeasure>;

/** Friends who entered this scenario, by the inflow route they came through (null: none). */
export const RouteMeasure = Type.Object({
  routeId: Type.Union([Uuid, Type.Null()]),
  name: Type.String(),
  /** Entered the scenario in the range. */
  added: Type.Integer({ minimum: 0 }),
  /** Of those, blocked the account now. */
  blocked: Type.Integer({ minimum: 0 }),
  /** Of those, with a conversion attributed to this scenario in the range. */
  converted: Type.Integer({ minimum: 0 }),
});
export type RouteMeasure = Static<typeof RouteMeasure>;

export const ScenarioAnalytics = Type.Object({
  from: IsoDate,
  to: IsoDate,
  timeZone: Type.String(),
  funnel: Type.Array(FunnelStep),
  daily: Type.Array(DailyMeasure),
  routes: Type.Array(RouteMeasure),
  splits: Type.Array(SplitComparison),
});
export type ScenarioAnalytics = Static<typeof ScenarioAnalytics>;

/**
 * Broadcast results with the same measures: GET /api/workspaces/:workspaceId/broadcasts/:broadcastId/measure
 * → BroadcastMeasure (sent, failed, unique clicks, conversions + value, LINE insight, daily).
 */
export const BroadcastMeasure = Type.Object({
  broadcastId: Uuid,
  sent: Type.Integer({ minimum: 0 }),
  failed: Type.Integer({ minimum: 0 }),
  uniqueClicks: Type.Integer({ minimum: 0 }),
  conversions: Type.Integer({ minimum: 0 }),
  conversionValue: Type.Number({ minimum: 0 }),
  insight: Type.Union([InsightMeasure, Type.Null()]),
  daily: Type.Array(DailyMeasure),
});
export type BroadcastMeasure = Static<typeof BroadcastMeasure>;
