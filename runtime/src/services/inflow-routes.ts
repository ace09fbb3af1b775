import { randomBytes } from 'node:crypto';
import type { InflowRouteActions, InflowRouteDetail, SaveInflowRouteBody } from '@lsb/shared/api';
import type { Db, Tx } from '../store/tx.ts';
import { findChannel, listChannelRows } from '../store/channels.ts';
import { existingTagIds, findLiveRoute, insertRouteRow, listLiveRoutes, markRouteDeleted, updateRouteRow, type RouteRow } from '../store/inflow.ts';
import { findUnarchivedScenario } from '../store/scenarios.ts';
import { badRequest, conflict, isUniqueViolation, notFound } from '../errors.ts';
import { NO_ACTIONS, parseActions } from '../store/inflow-actions.ts';

// 流入経路 as the marketer edits them. Deleting keeps the row (deleted_at), so printed QR codes
// land on a friendly page and the report keeps the route's name.

export type { RouteRow };

/** The route's shareable URL: short, and the same for a route whatever its name becomes. */
export const routeUrl = (publicUrl: string, routeId: string) => `${publicUrl.replace(/\/$/, '')}/r/${routeId}`;

export function toRouteDetail(row: RouteRow, publicUrl: string): InflowRouteDetail {
  return {
    id: row.id, name: row.name, code: row.code, channelId: row.channelId, actions: parseActions(row.actions),
    url: routeUrl(publicUrl, row.id), createdAt: row.createdAt.toISOString(),
  };
}

export async function listRoutes(db: Db, workspaceId: string, publicUrl: string): Promise<InflowRouteDetail[]> {
  const rows = await listLiveRoutes(db, workspaceId);
  return rows.map((row) => toRouteDetail(row, publicUrl));
}

export async function getRouteRow(db: Db | Tx, workspaceId: string, id: string): Promise<RouteRow> {
  const row = await findLiveRoute(db, workspaceId, id);
  if (!row) throw notFound('inflow_route');
  return row;
}

export async function createRoute(db: Db, workspaceId: string, body: SaveInflowRouteBody): Promise<RouteRow> {
  const checked = await checkReferences(db, workspaceId, body);
  const code = body.code ?? `r-${randomBytes(5).toString('hex')}`;
  return uniqueCode(code, async () => {
    return insertRouteRow(db, { workspaceId, name: body.name, code, ...checked });
  });
}

export async function updateRoute(db: Db, workspaceId: string, id: string, body: SaveInflowRouteBody): Promise<RouteRow> {
  const existing = await getRouteRow(db, workspaceId, id);
  const checked = await checkReferences(db, workspaceId, body);
  return uniqueCode(body.code ?? existing.code, async () => {
    return updateRouteRow(db, existing.id, { name: body.name, code: body.code ?? existing.code, ...checked });
  });
}

export async function deleteRoute(db: Db, workspaceId: string, id: string, at: Date): Promise<void> {
  const row = await getRouteRow(db, workspaceId, id);
  await markRouteDeleted(db, row.id, at);
}

/** Every id the body names must exist in this workspace; nothing is written otherwise. */
async function checkReferences(db: Db, workspaceId: string, body: SaveInflowRouteBody): Promise<{ channelId: string | null; actions: InflowRouteActions }> {
  const actions = body.actions ?? NO_ACTIONS;
  const channelId = body.channelId ?? (await defaultChannel(db, workspaceId));
  if (body.channelId) {
    if (!(await findChannel(db, body.channelId, workspaceId))) throw badRequest('unknown_channel', 'No such LINE channel in this workspace.');
  }
  if (actions.tagIds.length > 0) {
    const known = new Set(await existingTagIds(db, workspaceId, actions.tagIds));
    const unknown = actions.tagIds.filter((tagId) => !known.has(tagId));
    if (unknown.length) throw badRequest('unknown_tag', 'Some tags do not exist in this workspace.', { tagIds: unknown });
  }
  if (actions.scenarioId) {
    if (!(await findUnarchivedScenario(db, workspaceId, actions.scenarioId))) throw badRequest('unknown_scenario', 'No such scenario in this workspace.');
  }
  return { channelId, actions };
}

/** A route without a channel uses the workspace's first real channel, else its fake one. */
export async function defaultChannel(db: Db, workspaceId: string): Promise<string | null> {
  const rows = await listChannelRows(db, workspaceId);
  return (rows.find((row) => !row.isFake) ?? rows[0])?.id ?? null;
}

async function uniqueCode<T>(code: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('inflow_route_exists', `An inflow route with the code "${code}" already exists.`);
    throw error;
  }
}
