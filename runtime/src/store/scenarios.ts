import { and, desc, eq, ilike, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { linkClicks, runSteps, runs, scenarioVersions, scenarios, sends } from '../db/schema/index.ts';
import { cohortSentCounts } from './cohort-sends.ts';
import type { Tx } from './tx.ts';

// Scenarios (drafts, state, priority) and their published versions, with the counts the scenario
// list, the publish preview and the per-node statistics show.

export type ScenarioRow = typeof scenarios.$inferSelect;
export type ScenarioVersionRow = typeof scenarioVersions.$inferSelect;
const ACTIVE_RUN_STATUSES = ['running', 'waiting', 'held'] as const;

export async function findScenarioRow(db: Tx, workspaceId: string, id: string): Promise<ScenarioRow | undefined> {
  const [row] = await db.select().from(scenarios).where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id)));
  return row;
}

/** Which of these scenarios are active (not paused or archived). */
export async function activeScenarioIds(tx: Tx, ids: string[]): Promise<Set<string>> {
  return new Set((await tx.select({ id: scenarios.id }).from(scenarios)
    .where(and(inArray(scenarios.id, [...new Set(ids)]), eq(scenarios.state, 'active')))).map((row) => row.id));
}

/** A scenario of the workspace that is not archived (one an inflow route may start). */
export async function findUnarchivedScenario(db: Tx, workspaceId: string, id: string): Promise<{ id: string } | undefined> {
  const [row] = await db.select({ id: scenarios.id }).from(scenarios)
    .where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id), ne(scenarios.state, 'archived')));
  return row;
}

/** The workspace's scenarios, last changed first; `q` is a name substring. */
export function listScenarioRows(db: Tx, workspaceId: string, query: { q?: string; includeArchived?: boolean }): Promise<ScenarioRow[]> {
  const filters: SQL[] = [eq(scenarios.workspaceId, workspaceId)];
  if (!query.includeArchived) filters.push(ne(scenarios.state, 'archived'));
  if (query.q) filters.push(ilike(scenarios.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return db.select().from(scenarios).where(and(...filters)).orderBy(desc(scenarios.updatedAt));
}

/** The version numbers of these scenarios' versions, and how many runs of each are running or waiting. */
export function scenarioSummaryRows(db: Tx, ids: string[]) {
  return Promise.all([
    db.select({ id: scenarioVersions.id, version: scenarioVersions.version }).from(scenarioVersions)
      .where(inArray(scenarioVersions.scenarioId, ids)),
    db.select({ scenarioId: runs.scenarioId, count: sql<number>`count(*)::int` }).from(runs)
      .where(and(inArray(runs.scenarioId, ids), inArray(runs.status, ['running', 'waiting'])))
      .groupBy(runs.scenarioId),
  ]);
}

export async function insertScenario(tx: Tx, workspaceId: string, name: string, draft: unknown, at?: Date): Promise<string> {
  const [row] = await tx.insert(scenarios).values({ workspaceId, name, draft, ...(at ? { createdAt: at, updatedAt: at } : {}) }).returning({ id: scenarios.id });
  return row!.id;
}

/** A new draft for a scenario (a revision bump, so open editors see they are behind). */
export async function replaceDraft(tx: Tx, scenarioId: string, draft: unknown, at: Date, workspaceId?: string): Promise<void> {
  await tx.update(scenarios).set({ draft, draftRevision: sql`${scenarios.draftRevision} + 1`, updatedAt: at })
    .where(workspaceId === undefined ? eq(scenarios.id, scenarioId) : and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, scenarioId)));
}

/** The drafts that mention `id` anywhere (ids are UUIDs, so a textual search is exact). */
export function draftsMentioning(tx: Tx, workspaceId: string, id: string): Promise<Array<{ id: string; draft: unknown }>> {
  return tx.select({ id: scenarios.id, draft: scenarios.draft }).from(scenarios)
    .where(and(eq(scenarios.workspaceId, workspaceId), sql`strpos(${scenarios.draft}::text, ${id}) > 0`));
}

/** Optimistic concurrency: undefined when the draft is no longer at `baseRevision`. */
export async function saveDraftRow(db: Tx, workspaceId: string, id: string, draft: unknown, baseRevision: number, at: Date): Promise<{ draftRevision: number } | undefined> {
  const [row] = await db.update(scenarios)
    .set({ draft, draftRevision: sql`${scenarios.draftRevision} + 1`, updatedAt: at })
    .where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id), eq(scenarios.draftRevision, baseRevision)))
    .returning({ draftRevision: scenarios.draftRevision });
  return row;
}

export async function updateScenarioRow(db: Tx, workspaceId: string, id: string, changes: Partial<Pick<ScenarioRow, 'name' | 'state' | 'priority'>>, at: Date): Promise<ScenarioRow | undefined> {
  const [row] = await db.update(scenarios).set({ ...changes, updatedAt: at })
    .where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id))).returning();
  return row;
}

export async function findVersionById(db: Tx, versionId: string): Promise<ScenarioVersionRow | undefined> {
  const [version] = await db.select().from(scenarioVersions).where(eq(scenarioVersions.id, versionId));
  return version;
}

export async function findScenarioVersion(db: Tx, workspaceId: string, scenarioId: string, versionId: string): Promise<ScenarioVersionRow | undefined> {
  const [row] = await db.select().from(scenarioVersions)
    .where(and(eq(scenarioVersions.workspaceId, workspaceId), eq(scenarioVersions.scenarioId, scenarioId), eq(scenarioVersions.id, versionId)));
  return row;
}

/** A scenario's versions, newest first. */
export function listScenarioVersions(db: Tx, scenarioId: string): Promise<ScenarioVersionRow[]> {
  return db.select().from(scenarioVersions).where(eq(scenarioVersions.scenarioId, scenarioId)).orderBy(desc(scenarioVersions.version));
}

/** How many active runs of the scenario stand at each node. */
export function activeRunsByNode(db: Tx, scenarioId: string) {
  return db.select({ nodeId: runs.currentNodeId, count: sql<number>`count(*)::int` }).from(runs)
    .where(and(eq(runs.scenarioId, scenarioId), inArray(runs.status, [...ACTIVE_RUN_STATUSES])))
    .groupBy(runs.currentNodeId);
}

/**
 * Freezes a graph as the scenario's next version and makes it current. The scenario row is locked
 * first, so two publishes cannot take the same version number.
 */
export async function insertNextVersion(tx: Tx, workspaceId: string, scenarioId: string, graph: unknown, at: Date): Promise<{ versionId: string; version: number }> {
  await tx.execute(sql`select 1 from ${scenarios} where ${scenarios.id} = ${scenarioId} for update`);
  const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${scenarioVersions.version}), 0)::int + 1` })
    .from(scenarioVersions).where(eq(scenarioVersions.scenarioId, scenarioId))) as [{ next: number }];
  const [version] = await tx.insert(scenarioVersions)
    .values({ workspaceId, scenarioId, version: next, graph, publishedAt: at }).returning();
  await tx.update(scenarios).set({ currentVersionId: version!.id, updatedAt: at }).where(eq(scenarios.id, scenarioId));
  return { versionId: version!.id, version: next };
}

/**
 * Per node of the scenario: friends waiting there, steps entered, sends sent (the outbox's rows and
 * cohort sends' members) and distinct clickers.
 */
export async function scenarioNodeCounts(db: Tx, scenarioId: string) {
  const [waiting, entered, rowsSent, clicked, cohortSent] = await Promise.all([
    db.select({ nodeId: runs.currentNodeId, count: sql<number>`count(*)::int` }).from(runs)
      .where(and(eq(runs.scenarioId, scenarioId), eq(runs.status, 'waiting'))).groupBy(runs.currentNodeId),
    db.select({ nodeId: sql<string>`e.node_id`, count: sql<number>`sum(cardinality(${runSteps.runIds}))::int` }).from(runSteps)
      .innerJoin(sql`lateral unnest(${runSteps.nodeIds}) as e(node_id)`, sql`true`)
      .where(eq(runSteps.scenarioId, scenarioId)).groupBy(sql`e.node_id`),
    db.select({ nodeId: sends.nodeId, count: sql<number>`count(*)::int` }).from(sends)
      .where(and(eq(sends.scenarioId, scenarioId), eq(sends.status, 'sent'))).groupBy(sends.nodeId),
    db.select({ nodeId: sends.nodeId, count: sql<number>`count(distinct ${linkClicks.friendId})::int` }).from(linkClicks)
      .innerJoin(sends, eq(sends.id, linkClicks.sendId))
      .where(eq(sends.scenarioId, scenarioId)).groupBy(sends.nodeId),
    cohortSentCounts(db, scenarioId),
  ]);
  const sent = new Map<string | null, number>(rowsSent.map((row) => [row.nodeId, row.count]));
  for (const row of cohortSent) sent.set(row.nodeId, (sent.get(row.nodeId) ?? 0) + row.count);
  return [waiting, entered, [...sent].map(([nodeId, count]) => ({ nodeId, count })), clicked] as const;
}

/** Each live scenario's draft and current version as one text (to find what they mention). */
export async function scenarioTexts(db: Tx, workspaceId: string): Promise<Array<{ id: string; name: string; text: string }>> {
  const rows = await db.execute<{ id: string; name: string; text: string }>(sql`
    select s.id, s.name, s.draft::text || coalesce(v.graph::text, '') as text
    from scenarios s left join scenario_versions v on v.id = s.current_version_id
    where s.workspace_id = ${workspaceId} and s.state <> 'archived'`);
  return rows.rows;
}
