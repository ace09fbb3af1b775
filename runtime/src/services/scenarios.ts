import { NAME_MAX_LENGTH, type CreateScenarioBody, type PublishPreview, type ScenarioDetail, type ScenarioStats, type ScenarioSummary } from '@lsb/shared/api';
import {
  activeRunsByNode, findScenarioRow, findScenarioVersion, findVersionById, insertNextVersion, insertScenario, listScenarioRows,
  listScenarioVersions, replaceDraft, saveDraftRow, scenarioNodeCounts, scenarioSummaryRows, updateScenarioRow, type ScenarioRow,
} from '../store/scenarios.ts';
import type { Db } from '../store/tx.ts';
import { conflict, notFound, unprocessable } from '../errors.ts';
import { loadCatalogue } from './catalogue.ts';
import { freezeGraphSegments } from './publish-segments.ts';
import { loadSegments } from './segments.ts';
import { changedNodeIds, emptyScenarioGraph, parseGraphOrIssues, validateGraph } from './flow.ts';
import { requireMappedClone } from './template-publish-gate.ts';


async function summaries(db: Db, rows: ScenarioRow[]): Promise<ScenarioSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const [versionRows, countRows] = await scenarioSummaryRows(db, ids);
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
  const row = await findScenarioRow(db, workspaceId, id);
  if (!row) throw notFound('scenario');
  return row;
}

export async function listScenarios(db: Db, workspaceId: string, query: { q?: string; includeArchived?: boolean }) {
  return summaries(db, await listScenarioRows(db, workspaceId, query));
}

export async function getScenario(db: Db, workspaceId: string, id: string): Promise<ScenarioDetail> {
  const row = await getScenarioRow(db, workspaceId, id);
  const [summary] = await summaries(db, [row]);
  return { ...summary!, draft: row.draft };
}

export async function createScenario(db: Db, workspaceId: string, body: CreateScenarioBody): Promise<ScenarioDetail> {
  const graph = body.graph === undefined ? emptyScenarioGraph() : requireParsable(body.graph);
  return getScenario(db, workspaceId, await insertScenario(db, workspaceId, body.name, graph));
}

function requireParsable(json: unknown) {
  const parsed = parseGraphOrIssues(json);
  if (!parsed.graph) throw unprocessable('invalid_graph', 'The graph is not a valid scenario graph.', parsed.issues);
  return parsed.graph;
}

/** Optimistic concurrency: a save based on an older revision is refused, never silently merged. */
export async function saveDraft(db: Db, workspaceId: string, id: string, json: unknown, baseRevision: number) {
  const graph = requireParsable(json);
  const row = await saveDraftRow(db, workspaceId, id, graph, baseRevision, new Date());
  if (row) return row;
  const current = await getScenarioRow(db, workspaceId, id);
  throw conflict('revision_conflict', 'The scenario was saved elsewhere since you loaded it.', { draftRevision: current.draftRevision });
}

export async function updateScenario(db: Db, workspaceId: string, id: string, changes: Partial<Pick<ScenarioRow, 'name' | 'state' | 'priority'>>) {
  const row = await updateScenarioRow(db, workspaceId, id, changes, new Date());
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
  const version = await findVersionById(db, row.currentVersionId);
  return { version: version?.version ?? null, graph: version?.graph };
}

export async function publishPreview(db: Db, workspaceId: string, id: string): Promise<PublishPreview> {
  const row = await getScenarioRow(db, workspaceId, id);
  const [published, issues, midRun] = await Promise.all([
    publishedGraph(db, row),
    validateGraph(row.draft, await loadCatalogue(db, workspaceId)),
    activeRunsByNode(db, id),
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
    const graph = freezeGraphSegments(row.draft, (await loadSegments(db, workspaceId)).resolve);
    return insertNextVersion(tx, workspaceId, id, graph, now);
  });
}

export async function listVersions(db: Db, workspaceId: string, id: string) {
  await getScenarioRow(db, workspaceId, id);
  const rows = await listScenarioVersions(db, id);
  return rows.map((row) => ({ id: row.id, version: row.version, publishedAt: row.publishedAt.toISOString() }));
}

export async function getVersion(db: Db, workspaceId: string, id: string, versionId: string) {
  const row = await findScenarioVersion(db, workspaceId, id, versionId);
  if (!row) throw notFound('version');
  return { id: row.id, version: row.version, publishedAt: row.publishedAt.toISOString(), graph: row.graph };
}

export async function restoreVersion(db: Db, workspaceId: string, id: string, versionId: string) {
  const version = await getVersion(db, workspaceId, id, versionId);
  await replaceDraft(db, id, version.graph, new Date(), workspaceId);
  return getScenario(db, workspaceId, id);
}

export async function scenarioStats(db: Db, workspaceId: string, id: string): Promise<ScenarioStats> {
  await getScenarioRow(db, workspaceId, id);
  const [waiting, entered, sent, clicked] = await scenarioNodeCounts(db, id);
  const nodes: ScenarioStats['nodes'] = {};
  const at = (nodeId: string) => (nodes[nodeId] ??= { waiting: 0, entered: 0 });
  for (const row of waiting) if (row.nodeId) at(row.nodeId).waiting = row.count;
  for (const row of entered) at(row.nodeId).entered = row.count;
  for (const row of sent) if (row.nodeId) at(row.nodeId).sent = row.count;
  for (const row of clicked) if (row.nodeId) at(row.nodeId).clicked = row.count;
  return { nodes };
}
