import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { InflowRouteActions, InflowRouteDetail, SaveInflowRouteBody } from '@lsb/shared/api';
import type { Db, Tx } from '../store/tx.ts';
import { channels, inflowRoutes, scenarios, tags } from '../db/schema/index.ts';
import { badRequest, conflict, isUniqueViolation, notFound } from '../errors.ts';
import { NO_ACTIONS, parseActions } from '../store/inflow-actions.ts';

// 流入経路 as the marketer edits them. Deleting keeps the row (deleted_at), so printed QR codes
// land on a friendly page and the report keeps the route's name.

import type { RouteRow } from '../store/inflow.ts';

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
  const rows = await db.select().from(inflowRoutes)
    .where(and(eq(inflowRoutes.workspaceId, workspaceId), isNull(inflowRoutes.deletedAt))).orderBy(asc(inflowRoutes.createdAt), asc(inflowRoutes.name));
  return rows.map((row) => toRouteDetail(row, publicUrl));
}

export async function getRouteRow(db: Db | Tx, workspaceId: string, id: string): Promise<RouteRow> {
  const [row] = await db.select().from(inflowRoutes)
    .where(and(eq(inflowRoutes.workspaceId, workspaceId), eq(inflowRoutes.id, id), isNull(inflowRoutes.deletedAt)));
  if (!row) throw notFound('inflow_route');
  return row;
}

export async function createRoute(db: Db, workspaceId: string, body: SaveInflowRouteBody): Promise<RouteRow> {
  const checked = await checkReferences(db, workspaceId, body);
  const code = body.code ?? `r-${randomBytes(5).toString('hex')}`;
  return uniqueCode(code, async () => {
    const [row] = await db.insert(inflowRoutes).values({ workspaceId, name: body.name, code, ...checked }).returning();
    return row!;
  });
}

export async function updateRoute(db: Db, workspaceId: string, id: string, body: SaveInflowRouteBody): Promise<RouteRow> {
  const existing = await getRouteRow(db, workspaceId, id);
  const checked = await checkReferences(db, workspaceId, body);
  return uniqueCode(body.code ?? existing.code, async () => {
    const [row] = await db.update(inflowRoutes).set({ name: body.name, code: body.code ?? existing.code, ...checked })
      .where(eq(inflowRoutes.id, existing.id)).returning();
    return row!;
  });
}

export async function deleteRoute(db: Db, workspaceId: string, id: string, at: Date): Promise<void> {
  const row = await getRouteRow(db, workspaceId, id);
  // The code is freed for a new route; the deleted one keeps a code nobody can type.
  await db.update(inflowRoutes).set({ deletedAt: at, code: `deleted-${row.id}` }).where(eq(inflowRoutes.id, row.id));
}

/** Every id the body names must exist in this workspace; nothing is written otherwise. */
async function checkReferences(db: Db, workspaceId: string, body: SaveInflowRouteBody): Promise<{ channelId: string | null; actions: InflowRouteActions }> {
  const actions = body.actions ?? NO_ACTIONS;
  const channelId = body.channelId ?? (await defaultChannel(db, workspaceId));
  if (body.channelId) {
    const [channel] = await db.select({ id: channels.id }).from(channels).where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, body.channelId)));
    if (!channel) throw badRequest('unknown_channel', 'No such LINE channel in this workspace.');
  }
  if (actions.tagIds.length > 0) {
    const found = await db.select({ id: tags.id }).from(tags).where(and(eq(tags.workspaceId, workspaceId), inArray(tags.id, actions.tagIds)));
    const known = new Set(found.map((tag) => tag.id));
    const unknown = actions.tagIds.filter((tagId) => !known.has(tagId));
    if (unknown.length) throw badRequest('unknown_tag', 'Some tags do not exist in this workspace.', { tagIds: unknown });
  }
  if (actions.scenarioId) {
    const [scenario] = await db.select({ id: scenarios.id }).from(scenarios)
      .where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, actions.scenarioId), ne(scenarios.state, 'archived')));
    if (!scenario) throw badRequest('unknown_scenario', 'No such scenario in this workspace.');
  }
  return { channelId, actions };
}

/** A route without a channel uses the workspace's first real channel, else its fake one. */
export async function defaultChannel(db: Db, workspaceId: string): Promise<string | null> {
  const rows = await db.select({ id: channels.id, isFake: channels.isFake }).from(channels)
    .where(eq(channels.workspaceId, workspaceId)).orderBy(asc(channels.createdAt));
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
