import type { PgBoss } from 'pg-boss';
import { Value } from 'typebox/value';
import {
  DEFAULT_ATTRIBUTION_DAYS, MAX_CONVERSION_VALUE, OrderId as OrderIdCheck, type Attribution, type Conversion, type ConversionPoint, type ConversionSource,
  type PublicConversionOutcome, type SaveConversionPointBody,
} from '@lsb/shared/api';
import type { Clock } from '../clock.ts';
import type { ClickTokens } from '../crypto/click-token.ts';
import { ApiError, badRequest, conflict, isUniqueViolation, notFound } from '../errors.ts';
import {
  findAttribution, findByOrder, findLivePoint, findPointRow, insertConversion, insertPoint, listConversionRows, listPointRows, markPointDeleted,
  pointTotals, updatePointRow, type ConversionPointRow, type ConversionRow,
} from '../store/conversions.ts';
import { changeFriendTags, getFriendRow, lockWorkspaceFriend, type FriendRow } from '../store/friends.ts';
import { existingTagIds } from '../store/inflow.ts';
import { queueJobs } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { Db, Tx } from '../store/tx.ts';
import { isRedirectableUrl } from './links.ts';

const DAY_MS = 86_400_000;

export interface ConversionDeps { db: Db; boss: PgBoss; clock: Clock; clickTokens: ClickTokens; publicUrl: string }

const stringList = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function toPoint(row: ConversionPointRow, totals: { count: number; total: number } | undefined, publicUrl: string): ConversionPoint {
  return {
    id: row.id, name: row.name, defaultValue: row.defaultValue, urls: stringList(row.urls), addTagIds: stringList(row.addTagIds),
    attributionDays: row.attributionDays, createdAt: row.createdAt.toISOString(),
    count: totals?.count ?? 0, totalValue: totals?.total ?? 0,
    pixelUrl: `${publicUrl}/c/${row.id}/pixel.gif?ct={ct}`,
    redirectUrl: `${publicUrl}/c/${row.id}/go?ct={ct}`,
  };
}

export async function listPoints(deps: Pick<ConversionDeps, 'db' | 'publicUrl'>, workspaceId: string): Promise<ConversionPoint[]> {
  const [rows, totals] = await Promise.all([listPointRows(deps.db, workspaceId), pointTotals(deps.db, workspaceId)]);
  return rows.map((row) => toPoint(row, totals.get(row.id), deps.publicUrl));
}

async function checkPointBody(db: Db, workspaceId: string, body: SaveConversionPointBody): Promise<void> {
  const badUrl = (body.urls ?? []).find((url) => !isRedirectableUrl(url));
  if (badUrl !== undefined) throw badRequest('invalid_conversion_url', 'Each URL must be an absolute http(s) address without a user name or password.', { url: badUrl });
  const tagIds = [...new Set(body.addTagIds ?? [])];
  if (tagIds.length) {
    if ((await existingTagIds(db, workspaceId, tagIds)).length !== tagIds.length) throw notFound('tag');
  }
}

function pointValues(body: SaveConversionPointBody) {
  return {
    name: body.name.trim(),
    defaultValue: body.defaultValue ?? null,
    urls: body.urls ?? [],
    addTagIds: [...new Set(body.addTagIds ?? [])],
    attributionDays: body.attributionDays ?? DEFAULT_ATTRIBUTION_DAYS,
  };
}

const nameTaken = () => conflict('conversion_point_name_taken', 'A conversion point with this name already exists.');

export async function createPoint(deps: Pick<ConversionDeps, 'db' | 'publicUrl' | 'clock'>, workspaceId: string, body: SaveConversionPointBody): Promise<ConversionPoint> {
  await checkPointBody(deps.db, workspaceId, body);
  try {
    const row = await insertPoint(deps.db, { workspaceId, ...pointValues(body), createdAt: deps.clock.now() });
    return toPoint(row, undefined, deps.publicUrl);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

export async function updatePoint(deps: Pick<ConversionDeps, 'db' | 'publicUrl'>, workspaceId: string, pointId: string, body: SaveConversionPointBody): Promise<ConversionPoint> {
  if (!await findPointRow(deps.db, workspaceId, pointId)) throw notFound('conversion_point');
  await checkPointBody(deps.db, workspaceId, body);
  try {
    const row = await updatePointRow(deps.db, pointId, pointValues(body));
    return toPoint(row, (await pointTotals(deps.db, workspaceId)).get(pointId), deps.publicUrl);
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken();
    throw error;
  }
}

/** Soft delete: recorded conversions keep their point id and name. */
export async function deletePoint(deps: Pick<ConversionDeps, 'db' | 'clock'>, workspaceId: string, pointId: string): Promise<void> {
  if (!await findPointRow(deps.db, workspaceId, pointId)) throw notFound('conversion_point');
  await markPointDeleted(deps.db, pointId, deps.clock.now());
}

function toConversion(row: ConversionRow): Conversion {
  const attribution: Attribution | null = !row.attributedVia ? null
    : row.broadcastId ? { kind: 'broadcast', broadcastId: row.broadcastId, via: row.attributedVia }
      : row.scenarioId && row.nodeId ? { kind: 'node', scenarioId: row.scenarioId, nodeId: row.nodeId, via: row.attributedVia } : null;
  return {
    id: row.id, pointId: row.pointId, name: row.name, friendId: row.friendId, value: row.value, orderId: row.orderId,
    source: row.source, attribution, at: row.at.toISOString(),
  };
}

export async function listConversions(db: Db, workspaceId: string, query: { friendId?: string; pointId?: string; limit?: number }): Promise<Conversion[]> {
  // Another workspace's friend is no friend here: 404, not an empty list.
  if (query.friendId !== undefined) await getFriendRow(db, workspaceId, query.friendId);
  return (await listConversionRows(db, workspaceId, { ...query, limit: query.limit ?? 200 })).map(toConversion);
}

/** Who converts: one of these names the friend (checked in this order). */
export type FriendRef = { friendId: string } | { lineUserId: string } | { clickToken: string };

interface RecordInput { pointId: string; friend: FriendRef; value?: unknown; orderId?: string; source: ConversionSource }

/** A value as the API and the public routes accept it: a finite, non-negative number with at most 2 decimals. */
function parseValue(raw: unknown): number | undefined | 'invalid' {
  if (raw === undefined || raw === '') return undefined;
  const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^[0-9]+(\.[0-9]{1,2})?$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isFinite(value) || value < 0 || value > MAX_CONVERSION_VALUE || Math.abs(Math.round(value * 100) - value * 100) > 1e-6) return 'invalid';
  return Math.round(value * 100) / 100;
}

/**
 * Records one conversion: in one transaction the row (attributed to the node of the friend's last
 * tracked-link click within the point's window, else of their last send), the point's tags, the
 * timeline entry and the friend-activity job that fires conversion triggers and moves
 * wait-for-event nodes. A replayed order id changes nothing and returns the first recording.
 */
export async function recordConversion(deps: ConversionDeps, workspaceId: string, input: RecordInput): Promise<{ duplicate: boolean; conversion: Conversion }> {
  const value = parseValue(input.value);
  if (value === 'invalid') throw badRequest('invalid_conversion_value', 'The value must be a number of at least 0 with at most two decimals.');
  const point = await findPointRow(deps.db, workspaceId, input.pointId);
  if (!point) throw notFound('conversion_point');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const friend = await resolveFriend(tx, deps, workspaceId, input.friend, now);
    if (input.orderId !== undefined) {
      const earlier = await findByOrder(tx, workspaceId, input.orderId);
      if (earlier) return { duplicate: true, conversion: toConversion(earlier) };
    }
    const found = await findAttribution(tx, friend.id, new Date(now.getTime() - point.attributionDays * DAY_MS));
    const row = await insertConversion(tx, {
      workspaceId, friendId: friend.id, name: point.name, pointId: point.id, value: value ?? point.defaultValue,
      orderId: input.orderId ?? null, source: input.source, at: now,
      scenarioId: found?.scenarioId ?? null, nodeId: found?.nodeId ?? null, broadcastId: found?.broadcastId ?? null, attributedVia: found?.via ?? null,
    });
    if (!row) {
      // Another request with the same order id committed first.
      const earlier = await findByOrder(tx, workspaceId, input.orderId!);
      return { duplicate: true, conversion: toConversion(earlier!) };
    }
    await afterConversion(tx, deps.boss, friend, point, row, now);
    return { duplicate: false, conversion: toConversion(row) };
  });
}

async function afterConversion(tx: Tx, boss: PgBoss, friend: FriendRow, point: ConversionPointRow, row: ConversionRow, now: Date): Promise<void> {
  const added = await changeFriendTags(tx, friend, { add: stringList(point.addTagIds) }, now);
  await recordTimeline(tx, [{
    friend,
    event: { kind: 'converted', detail: { conversionId: row.id, pointId: point.id, value: row.value, scenarioId: row.scenarioId, nodeId: row.nodeId, broadcastId: row.broadcastId } },
    at: now,
  }]);
  if (friend.status !== 'active') return;
  await queueJobs(boss, tx, QUEUES.activity, [
    { data: { friendId: friend.id, activity: { kind: 'conversion' as const, pointId: point.id } } },
    ...added.map((tagId) => ({ data: { friendId: friend.id, activity: { kind: 'tagAdded' as const, tagId } } })),
  ]);
}

async function resolveFriend(tx: Tx, deps: Pick<ConversionDeps, 'clickTokens'>, workspaceId: string, ref: FriendRef, now: Date): Promise<FriendRow> {
  let by: { friendId: string } | { lineUserId: string };
  if ('friendId' in ref) by = { friendId: ref.friendId };
  else if ('lineUserId' in ref) by = { lineUserId: ref.lineUserId };
  else {
    const claim = deps.clickTokens.verify(ref.clickToken, now);
    if (!claim || claim.expired) throw badRequest('invalid_click_token', 'The click token is unknown, altered or expired.');
    by = { friendId: claim.friendId };
  }
  // Locked: two recordings for one friend at once apply their tags and jobs one after the other.
  const friend = await lockWorkspaceFriend(tx, workspaceId, by);
  if (!friend) {
    if ('clickToken' in ref) throw badRequest('invalid_click_token', 'The click token belongs to no friend of this workspace.');
    throw notFound('friend');
  }
  return friend;
}

/**
 * The pixel and redirect routes: never an error page, an outcome instead (preview fetchers, bad
 * tokens and values are not counted). The point is looked up without a workspace, from its id.
 */
export async function recordPublicConversion(
  deps: ConversionDeps, pointId: string, query: { ct?: string | undefined; order?: string | undefined; value?: string | undefined }, source: 'pixel' | 'redirect', countable: boolean,
): Promise<{ outcome: PublicConversionOutcome; point: ConversionPointRow | undefined }> {
  const point = await findLivePoint(deps.db, pointId);
  if (!point) return { outcome: 'unknown_point', point };
  if (!countable) return { outcome: 'preview', point };
  if (!query.ct) return { outcome: 'invalid_token', point };
  const orderId = query.order !== undefined && Value.Check(OrderIdCheck, query.order) ? query.order : undefined;
  try {
    const { duplicate } = await recordConversion(deps, point.workspaceId, {
      pointId, friend: { clickToken: query.ct }, value: query.value, source, ...(orderId === undefined ? {} : { orderId }),
    });
    return { outcome: duplicate ? 'duplicate' : 'counted', point };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'invalid_click_token') return { outcome: 'invalid_token', point };
    if (error instanceof ApiError && error.code === 'invalid_conversion_value') return { outcome: 'invalid_value', point };
    throw error;
  }
}
