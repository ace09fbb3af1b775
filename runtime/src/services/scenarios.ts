import { and, desc, eq, ilike, inArray, ne, sql } from 'drizzle-orm';
import { NAME_MAX_LENGTH, type CreateScenarioBody, type PublishPreview, type ScenarioDetail, type ScenarioStats, type ScenarioSummary } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { linkClicks, runSteps, runs, scenarioVersions, scenarios, sends } from '../db/schema/index.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { loadCatalogue } from './catalogue.ts';
import { freezeGraphSegments } from './publish-segments.ts';
import { loadSegments } from './segments.ts';
import { changedNodeIds, emptyScenarioGraph, parseGraphOrIssues, validateGraph } from './flow.ts';
import { requireMappedClone } from './template-publish-gate.ts';

type ScenarioRow = typeof scenarios.$inferSelect;
const ACTIVE_RUN_STATUSES = ['running', 'waiting', 'held'] as const;

async function summaries(db: Db, rows: ScenarioRow[]): Promise<ScenarioSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [versionRows, countRows] = await Promise.all([
    db.select({ id: scenarioVersions.id, version: scenarioVersions.version }).from(scenarioVersions)
      .where(inArray(scenarioVersions.scenarioId, ids)),
    db.select({ scenarioId: runs.scenarioId, count: sql<number>`count(*)::int` }).from(runs)
      .where(and(inArray(runs.scenarioId, ids), inArray(runs.status, ['running', 'waiting'])))
      .groupBy(runs.scenarioId),
  ]);
  const versionNumber = new Map(versionRows.map((row) => [row.id, row.version]));
  const running = new Map(countRows.map((row) => [row.scenarioId, row.count]));
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    state: row.state,
    publishedVersion: row.currentVersionId ? versionNumber.get(row.currentVersionId) ?? null : null,
    draftRevision: row.draftRevision,
    runningCount: running.get(row.id) ?? 0,
    priority: row.priority,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

export async function getScenarioRow(db: Db, workspaceId: string, id: string): Promise<ScenarioRow> {
  const [row] = await db.select().from(scenarios).where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id)));
  if (!row) throw notFound('scenario');
  return row;
}

export async function listScenarios(db: Db, workspaceId: string, query: { q?: string; includeArchived?: boolean }) {
  const filters = [eq(scenarios.workspaceId, workspaceId)];
  if (!query.includeArchived) filters.push(ne(scenarios.state, 'archived'));
  if (query.q) filters.push(ilike(scenarios.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const rows = await db.select().from(scenarios).where(and(...filters)).orderBy(desc(scenarios.updatedAt));
  return summaries(db, rows);
}

export async function getScenario(db: Db, workspaceId: string, id: string): Promise<ScenarioDetail> {
  const row = await getScenarioRow(db, workspaceId, id);
  const [summary] = await summaries(db, [row]);
  return { ...summary!, draft: row.draft };
}

export async function createScenario(db: Db, workspaceId: string, body: CreateScenarioBody): Promise<ScenarioDetail> {
  const graph = body.graph === undefined ? emptyScenarioGraph() : requireParsable(body.graph);
  const [row] = await db.insert(scenarios).values({ workspaceId, name: body.name, draft: graph }).returning();
  return getScenario(db, workspaceId, row!.id);
}

function requireParsable(json: unknown) {
  const parsed = parseGraphOrIssues(json);
  if (!parsed.graph) throw unprocessable('invalid_graph', 'The graph is not a valid scenario graph.', parsed.issues);
  return parsed.graph;
}

/** Optimistic concurrency: a save based on an older revision is refused, never silently merged. */
export async function saveDraft(db: Db, workspaceId: string, id: string, json: unknown, baseRevision: number) {
  const graph = requireParsable(json);
  const [row] = await db.update(scenarios)
    .set({ draft: graph, draftRevision: sql`${scenarios.draftRevision} + 1`, updatedAt: new Date() })
    .where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id), eq(scenarios.draftRevision, baseRevision)))
    .returning({ draftRevision: scenarios.draftRevision });
  if (row) return row;
  const current = await getScenarioRow(db, workspaceId, id);
  throw conflict('revision_conflict', 'The scenario was saved elsewhere since you loaded it.', { draftRevision: current.draftRevision });
}

export async function updateScenario(db: Db, workspaceId: string, id: string, changes: Partial<Pick<ScenarioRow, 'name' | 'state' | 'priority'>>) {
  const [row] = await db.update(scenarios).set({ ...changes, updatedAt: new Date() })
    .where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id))).returning();
  if (!row) throw notFound('scenario');
  return getScenario(db, workspaceId, id);
}

export async function duplicateScenario(db: Db, workspaceId: string, id: string, copyName: (name: string) => string) {
  const source = await getScenarioRow(db, workspaceId, id);
  return createScenario(db, workspaceId, { name: copyName(source.name).slice(0, NAME_MAX_LENGTH), graph: source.draft });
}

export async function validateScenario(db: Db, workspaceId: string, id: string) {
  const row = await getScenarioRow(db, workspaceId, id);
  return validateGraph(row.draft, await loadCatalogue(db, workspaceId));
}

async function publishedGraph(db: Db, row: ScenarioRow) {
  if (!row.currentVersionId) return { version: null, graph: undefined };
  const [version] = await db.select().from(scenarioVersions).where(eq(scenarioVersions.id, row.currentVersionId));
  return { version: version?.version ?? null, graph: version?.graph };
}

export async function publishPreview(db: Db, workspaceId: string, id: string): Promise<PublishPreview> {
  const row = await getScenarioRow(db, workspaceId, id);
  const [published, issues, midRun] = await Promise.all([
    publishedGraph(db, row),
    validateGraph(row.draft, await loadCatalogue(db, workspaceId)),
    db.select({ nodeId: runs.currentNodeId, count: sql<number>`count(*)::int` }).from(runs)
      .where(and(eq(runs.scenarioId, id), inArray(runs.status, [...ACTIVE_RUN_STATUSES])))
      .groupBy(runs.currentNodeId),
  ]);
  return {
    fromVersion: published.version,
    changes: changedNodeIds(published.graph, row.draft),
    midRun: midRun.filter((entry) => entry.nodeId !== null).map((entry) => ({ nodeId: entry.nodeId!, count: entry.count })),
    issues,
  };
}

/** Publishing freezes the draft into a new immutable version; running friends stay on theirs. */
export async function publishScenario(db: Db, workspaceId: string, id: string, now: Date) {
  const row = await getScenarioRow(db, workspaceId, id);
  await requireMappedClone(db, workspaceId, id, row.draft);
  const issues = validateGraph(row.draft, await loadCatalogue(db, workspaceId));
  if (issues.length > 0) throw unprocessable('invalid_graph', 'The scenario has problems that must be fixed before publishing.', issues);
  return db.transaction(async (tx) => {
    // Lock the scenario row so two publishes cannot take the same version number.
    await tx.execute(sql`select 1 from ${scenarios} where ${scenarios.id} = ${id} for update`);
    const [{ next }] = (await tx.select({ next: sql<number>`coalesce(max(${scenarioVersions.version}), 0)::int + 1` })
      .from(scenarioVersions).where(eq(scenarioVersions.scenarioId, id))) as [{ next: number }];
    const graph = freezeGraphSegments(row.draft, (await loadSegments(db, workspaceId)).resolve);
    const [version] = await tx.insert(scenarioVersions)
      .values({ workspaceId, scenarioId: id, version: next, graph, publishedAt: now }).returning();
    await tx.update(scenarios).set({ currentVersionId: version!.id, updatedAt: now }).where(eq(scenarios.id, id));
    return { versionId: version!.id, version: next };
  });
}

export async function listVersions(db: Db, workspaceId: string, id: string) {
  await getScenarioRow(db, workspaceId, id);
  const rows = await db.select().from(scenarioVersions).where(eq(scenarioVersions.scenarioId, id)).orderBy(desc(scenarioVersions.version));
  return rows.map((row) => ({ id: row.id, version: row.version, publishedAt: row.publishedAt.toISOString() }));
}

export async function getVersion(db: Db, workspaceId: string, id: string, versionId: string) {
  const [row] = await db.select().from(scenarioVersions)
    .where(and(eq(scenarioVersions.workspaceId, workspaceId), eq(scenarioVersions.scenarioId, id), eq(scenarioVersions.id, versionId)));
  if (!row) throw notFound('version');
  return { id: row.id, version: row.version, publishedAt: row.publishedAt.toISOString(), graph: row.graph };
}

export async function restoreVersion(db: Db, workspaceId: string, id: string, versionId: string) {
  const version = await getVersion(db, workspaceId, id, versionId);
  await db.update(scenarios).set({ draft: version.graph, draftRevision: sql`${scenarios.draftRevision} + 1`, updatedAt: new Date() })
    .where(and(eq(scenarios.workspaceId, workspaceId), eq(scenarios.id, id)));
  return getScenario(db, workspaceId, id);
}

export async function scenarioStats(db: Db, workspaceId: string, id: string): Promise<ScenarioStats> {
  await getScenarioRow(db, workspaceId, id);
  const [waiting, entered, sent, clicked] = await Promise.all([
    db.select({ nodeId: runs.currentNodeId, count: sql<number>`count(*)::int` }).from(runs)
      .where(and(eq(runs.scenarioId, id), eq(runs.status, 'waiting'))).groupBy(runs.currentNodeId),
    db.select({ nodeId: runSteps.nodeId, count: sql<number>`count(*)::int` }).from(runSteps)
      .where(eq(runSteps.scenarioId, id)).groupBy(runSteps.nodeId),
    db.select({ nodeId: sends.nodeId, count: sql<number>`count(*)::int` }).from(sends)
      .where(and(eq(sends.scenarioId, id), eq(sends.status, 'sent'))).groupBy(sends.nodeId),
    db.select({ nodeId: sends.nodeId, count: sql<number>`count(distinct ${linkClicks.friendId})::int` }).from(linkClicks)
      .innerJoin(sends, eq(sends.id, linkClicks.sendId))
      .where(eq(sends.scenarioId, id)).groupBy(sends.nodeId),
  ]);
  const nodes: ScenarioStats['nodes'] = {};
  const at = (nodeId: string) => (nodes[nodeId] ??= { waiting: 0, entered: 0 });
  for (const row of waiting) if (row.nodeId) at(row.nodeId).waiting = row.count;
  for (const row of entered) at(row.nodeId).entered = row.count;
  for (const row of sent) if (row.nodeId) at(row.nodeId).sent = row.count;
  for (const row of clicked) if (row.nodeId) at(row.nodeId).clicked = row.count;
  return { nodes };
}
