import {
  graphReferences, mappingRows, parseReferenceKey, resolveMapping, rewriteGraphReferences, validateFlow,
  type Catalogue, type FlowGraph, type MappingCatalogue, type ResolvedMapping, type TemplateReferences,
} from '@lsb/shared';
import type { CloneBody, ClonePreview, CloneResult, Mapping, TemplateLink } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { ApiError, notFound, unprocessable } from '../errors.ts';
import type { Tx } from '../store/tx.ts';
import { folderIdByName, insertField, insertLink, insertRoute, insertTag } from '../store/catalogue.ts';
import { insertScenario, replaceDraft } from '../store/scenarios.ts';
import { findCloneRow, findLiveClone, findVersionRow, rememberedMapping, saveMapping, upsertClone, type TemplateRow } from '../store/templates.ts';
import { loadCatalogue } from './catalogue.ts';
import { isRedirectableUrl } from './links.ts';
import { changedNodeIds } from './flow.ts';
import { getScenarioRow } from './scenarios.ts';
import { parseStoredGraph } from './template-content.ts';
import { requireTemplate, requireVersion, versionContent } from './templates.ts';

// Clone with remapping: the wizard's preview, the clone itself (an independent draft in the
// target workspace), and the rule that a clone cannot be published while something is unmapped.

const mappingCatalogue = (c: Catalogue & { fields: { choices?: string[] }[] }): MappingCatalogue => ({
  tags: c.tags, fields: c.fields.map((f) => ({ ...f, choices: f.choices ?? [] })), inflowRoutes: c.inflowRoutes, links: c.links, scenarios: c.scenarios,
});

export async function clonePreview(db: Db, workspaceId: string, templateId: string, version?: number): Promise<ClonePreview> {
  const template = await requireTemplate(db, workspaceId, templateId);
  const row = await requireVersion(db, template, version);
  const { references } = versionContent(row);
  const [catalogue, remembered, existing] = await Promise.all([
    loadCatalogue(db, workspaceId), rememberedMapping(db, workspaceId, templateId), findLiveClone(db, workspaceId, templateId),
  ]);
  const scenario = existing ? await getScenarioRow(db, workspaceId, existing.scenarioId) : undefined;
  return {
    templateId, version: row.version, references: mappingRows(references, mappingCatalogue(catalogue), remembered),
    existingClone: existing && scenario ? { scenarioId: existing.scenarioId, name: scenario.name, templateVersion: existing.templateVersion } : null,
  };
}

/** The workspace's remembered answers that still point at a compatible entry, as mapping choices. */
export async function rememberedChoices(db: Db, workspaceId: string, templateId: string, references: TemplateReferences): Promise<Mapping> {
  const [catalogue, remembered] = await Promise.all([loadCatalogue(db, workspaceId), rememberedMapping(db, workspaceId, templateId)]);
  const rows = mappingRows(references, mappingCatalogue(catalogue), remembered);
  return Object.fromEntries(rows.filter((r) => r.remembered).map((r) => [r.key, r.suggestion]));
}

/** Checks the answers; any problem is a 422 naming every problem, before anything is written. */
export async function checkMapping(db: Db, workspaceId: string, references: TemplateReferences, mapping: Mapping): Promise<ResolvedMapping> {
  const resolved = resolveMapping(references, mappingCatalogue(await loadCatalogue(db, workspaceId)), mapping);
  const [first] = resolved.problems;
  if (first) throw unprocessable(first.code, first.message, { problems: resolved.problems });
  requireRedirectableLinks(resolved);
  return resolved;
}

/** A link created from a template (or an imported bundle) redirects friends: the same rule as a link made by hand. */
export function requireRedirectableLinks(resolved: ResolvedMapping): void {
  for (const item of resolved.create) {
    if (item.kind === 'link' && !('url' in item.entry && isRedirectableUrl(item.entry.url))) {
      throw unprocessable('invalid_link_url', `The link "${item.name}" has an address friends cannot be sent to; map it to an existing link instead.`, { key: item.key });
    }
  }
}

/** Creates what the mapping says to create; returns template-local id → workspace id for everything mapped. */
export async function applyMapping(tx: Tx, workspaceId: string, resolved: ResolvedMapping, at: Date) {
  const byKey = new Map(resolved.existing);
  const created: Record<string, string> = {};
  for (const item of resolved.create) {
    const { entry } = item;
    let id: string;
    switch (item.kind) {
      case 'tag': {
        const folder = 'folder' in entry && entry.folder ? await folderIdByName(tx, workspaceId, entry.folder) : null;
        id = await insertTag(tx, workspaceId, item.name, folder);
        break;
      }
      case 'field':
        id = 'kind' in entry ? await insertField(tx, workspaceId, item.name, entry.kind, [...entry.choices]) : '';
        break;
      case 'inflowRoute':
        id = await insertRoute(tx, workspaceId, item.name);
        break;
      case 'link':
        id = await insertLink(tx, workspaceId, item.name, 'url' in entry ? entry.url : '');
        break;
      case 'scenario':
        id = await insertScenario(tx, workspaceId, item.name, { schemaVersion: 2, nodes: [], edges: [] }, at);
        break;
    }
    byKey.set(item.key, id);
    created[item.key] = id;
  }
  const ids = new Map([...byKey].map(([key, id]) => [parseReferenceKey(key)!.id, id]));
  return { byKey, ids, created };
}

/** The template graph as it will be in the workspace, and the issues it would have there (mapped ids checked against the catalogue plus what will be created). */
export async function previewGraph(db: Db, workspaceId: string, graph: FlowGraph, resolved: ResolvedMapping) {
  const catalogue = await loadCatalogue(db, workspaceId);
  const planned = new Map([...resolved.existing].map(([key, id]) => [parseReferenceKey(key)!.id, id]));
  for (const item of resolved.create) planned.set(parseReferenceKey(item.key)!.id, `new:${item.key}`);
  const mapped = rewriteGraphReferences(graph, planned);
  const extended: Catalogue = {
    ...catalogue,
    tags: [...catalogue.tags, ...resolved.create.filter((c) => c.kind === 'tag').map((c) => ({ id: `new:${c.key}`, name: c.name }))],
    fields: [...catalogue.fields, ...resolved.create.flatMap((c) => (c.kind === 'field' && 'kind' in c.entry ? [{ id: `new:${c.key}`, name: c.name, kind: c.entry.kind, choices: c.entry.choices }] : []))],
    inflowRoutes: [...catalogue.inflowRoutes, ...resolved.create.filter((c) => c.kind === 'inflowRoute').map((c) => ({ id: `new:${c.key}`, name: c.name, code: '' }))],
    links: [...catalogue.links, ...resolved.create.filter((c) => c.kind === 'link').map((c) => ({ id: `new:${c.key}`, name: c.name, url: '' }))],
    scenarios: [...catalogue.scenarios, ...resolved.create.filter((c) => c.kind === 'scenario').map((c) => ({ id: `new:${c.key}`, name: c.name }))],
  };
  return validateFlow(mapped, extended);
}

export async function cloneTemplate(db: Db, workspaceId: string, templateId: string, body: CloneBody, at: Date): Promise<CloneResult & { template: TemplateRow }> {
  const template = await requireTemplate(db, workspaceId, templateId);
  const versionRow = await requireVersion(db, template, body.version);
  const { graph, references } = versionContent(versionRow);
  const existingClone = body.scenarioId ? await findCloneRow(db, workspaceId, body.scenarioId) : undefined;
  if (body.scenarioId && existingClone?.templateId !== templateId) throw new ApiError(404, 'not_a_template_clone', 'That scenario is not a clone of this template.');
  const resolved = await checkMapping(db, workspaceId, references, body.mapping);
  return db.transaction(async (tx) => {
    const { byKey, ids, created } = await applyMapping(tx, workspaceId, resolved, at);
    let scenarioId: string;
    let name: string;
    if (existingClone) {
      // Finishing a clone: its draft (as edited since) gets the newly mapped ids.
      const scenario = await getScenarioRow(tx as Db, workspaceId, existingClone.scenarioId);
      const draft = rewriteGraphReferences(parseStoredGraph(scenario.draft), ids);
      await replaceDraft(tx, scenario.id, draft, at);
      scenarioId = scenario.id;
      name = scenario.name;
    } else {
      name = body.name ?? template.name;
      scenarioId = await insertScenario(tx, workspaceId, name, rewriteGraphReferences(graph, ids), at);
    }
    const draftNow = existingClone ? parseStoredGraph((await getScenarioRow(tx as Db, workspaceId, scenarioId)).draft) : rewriteGraphReferences(graph, ids);
    const stillUsed = new Set(graphReferences(draftNow).map((r) => r.key));
    const unmapped = resolved.unmapped.filter((key) => stillUsed.has(key));
    await saveMapping(tx, workspaceId, templateId, byKey);
    await upsertClone(tx, { scenarioId, workspaceId, templateId, templateVersion: versionRow.version, unmapped, createdAt: at });
    return { scenarioId, name, templateVersion: versionRow.version, unmapped, created, template };
  });
}

export async function templateLink(db: Db, workspaceId: string, scenarioId: string): Promise<TemplateLink> {
  await getScenarioRow(db, workspaceId, scenarioId);
  const clone = await findCloneRow(db, workspaceId, scenarioId);
  if (!clone) throw new ApiError(404, 'not_a_template_clone', 'This scenario was not made from a template.');
  const template = await requireTemplate(db, workspaceId, clone.templateId).catch(() => undefined);
  if (!template) throw new ApiError(404, 'not_a_template_clone', 'The template this scenario was made from no longer exists.');
  const remembered = await rememberedMapping(db, workspaceId, template.id);
  const ids = new Map([...remembered].map(([key, id]) => [parseReferenceKey(key)?.id ?? key, id]));
  const graphOf = async (version: number) => {
    const row = await findVersionRow(db, template.id, version);
    return row ? rewriteGraphReferences(versionContent(row).graph, ids) : null;
  };
  const clonedGraph = await graphOf(clone.templateVersion);
  const latestGraph = await graphOf(template.latestVersion);
  if (!latestGraph) throw notFound('template_version');
  return {
    templateId: template.id, templateName: template.name, clonedVersion: clone.templateVersion, latestVersion: template.latestVersion,
    updateAvailable: template.latestVersion > clone.templateVersion, clonedGraph, latestGraph, changes: changedNodeIds(clonedGraph, latestGraph),
  };
}
