import {
  BUNDLE_FORMAT, CURRENT_BUNDLE_VERSION, parseBundle, STARTERS, STARTER_KEYS, templateThumbnail, TEMPLATE_CATEGORIES,
  type TemplateBundle, type TemplateCategory,
} from '@lsb/shared';
import type {
  SaveTemplateBody, StarterSummary, TemplateDetail, TemplateSummary, TemplateVersionDetail, UpdateTemplateBody,
} from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { ApiError, notFound } from '../errors.ts';
import {
  deleteTemplateRow, findTemplateRow, findVersionRow, insertTemplate, insertTemplateVersion, listTemplateRows, listVersionRows,
  nextTemplateVersion, organizationOfWorkspace, updateTemplateRow, type TemplateRow, type TemplateVersionRow,
} from '../store/templates.ts';
import { contentFacts, contentFromScenario, parseStoredGraph, parseStoredReferences, type Content } from './template-content.ts';

// The organization's template library, seen from one of its workspaces.

type Source = TemplateSummary['source'];
const categoryOf = (value: string): TemplateCategory => ((TEMPLATE_CATEGORIES as readonly string[]).includes(value) ? value as TemplateCategory : 'other');

export async function organizationOf(db: Db, workspaceId: string): Promise<string> {
  const row = await organizationOfWorkspace(db, workspaceId);
  if (!row?.organizationId) throw new ApiError(404, 'template_not_found', 'This workspace belongs to no organization, so it has no template library.');
  return row.organizationId;
}

export async function requireTemplate(db: Db, workspaceId: string, id: string): Promise<TemplateRow> {
  const row = await findTemplateRow(db, await organizationOf(db, workspaceId), id);
  if (!row) throw notFound('template');
  return row;
}

export function versionContent(row: TemplateVersionRow): Content {
  return { graph: parseStoredGraph(row.graph), references: parseStoredReferences(row.references) };
}

export async function requireVersion(db: Db, template: TemplateRow, version?: number): Promise<TemplateVersionRow> {
  const row = await findVersionRow(db, template.id, version ?? template.latestVersion);
  if (!row) throw new ApiError(404, 'template_version_not_found', `The template has no version ${version}.`);
  return row;
}

function summary(row: TemplateRow, latest: TemplateVersionRow | undefined): TemplateSummary {
  const facts = latest ? contentFacts(versionContent(latest)) : { thumbnail: templateThumbnail({ nodes: [], edges: [] }), referenceCounts: { tags: 0, fields: 0, inflowRoutes: 0, links: 0, scenarios: 0 }, nodeCount: 0 };
  return {
    id: row.id, organizationId: row.organizationId, name: row.name, description: row.description, category: categoryOf(row.category),
    latestVersion: row.latestVersion, source: row.source as Source, ...facts,
    createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listTemplates(db: Db, workspaceId: string): Promise<TemplateSummary[]> {
  const rows = await listTemplateRows(db, await organizationOf(db, workspaceId));
  const versions = await listVersionRows(db, rows.map((r) => r.id));
  return rows.map((row) => summary(row, versions.find((v) => v.templateId === row.id && v.version === row.latestVersion)));
}

async function detail(db: Db, row: TemplateRow): Promise<TemplateDetail> {
  const versions = await listVersionRows(db, [row.id]);
  return {
    ...summary(row, versions.find((v) => v.version === row.latestVersion)),
    versions: versions.map((v) => ({ version: v.version, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy })),
  };
}

export async function getTemplate(db: Db, workspaceId: string, id: string): Promise<TemplateDetail> {
  return detail(db, await requireTemplate(db, workspaceId, id));
}

export async function getTemplateVersion(db: Db, workspaceId: string, id: string, version: number): Promise<TemplateVersionDetail> {
  const row = await requireVersion(db, await requireTemplate(db, workspaceId, id), version);
  const content = versionContent(row);
  return { templateId: id, version: row.version, createdAt: row.createdAt.toISOString(), graph: content.graph, references: content.references, thumbnail: templateThumbnail(content.graph) };
}

interface NewVersion { name: string; description: string; category: TemplateCategory; source: Source; content: Content }

/** A new template with version 1, or (templateId) the next version of one, in one transaction. */
async function writeVersion(db: Db, organizationId: string, templateId: string | undefined, v: NewVersion, by: string, at: Date): Promise<TemplateRow> {
  return db.transaction(async (tx) => {
    let id = templateId;
    if (!id) id = (await insertTemplate(tx, { organizationId, name: v.name, description: v.description, category: v.category, source: v.source, createdAt: at, updatedAt: at })).id;
    const version = await nextTemplateVersion(tx, id);
    await insertTemplateVersion(tx, { templateId: id, version, graph: v.content.graph, references: v.content.references, createdAt: at, createdBy: by });
    await updateTemplateRow(tx, id, { latestVersion: version, name: v.name, description: v.description, category: v.category, source: v.source, updatedAt: at });
    return (await findTemplateRow(tx, organizationId, id))!;
  });
}

export async function saveTemplate(db: Db, workspaceId: string, body: SaveTemplateBody, by: string, at: Date): Promise<TemplateDetail> {
  const organizationId = await organizationOf(db, workspaceId);
  const existing = body.templateId ? await requireTemplate(db, workspaceId, body.templateId) : undefined;
  const from = body.from ?? 'draft';
  const content = await contentFromScenario(db, workspaceId, body.scenarioId, from);
  const row = await writeVersion(db, organizationId, existing?.id, {
    name: body.name, description: body.description ?? existing?.description ?? '', category: body.category ?? categoryOf(existing?.category ?? 'other'),
    source: { kind: 'scenario', workspaceId, scenarioId: body.scenarioId, from }, content,
  }, by, at);
  return detail(db, row);
}

export async function updateTemplate(db: Db, workspaceId: string, id: string, body: UpdateTemplateBody, at: Date): Promise<TemplateDetail> {
  const row = await requireTemplate(db, workspaceId, id);
  await updateTemplateRow(db, row.id, { ...body, updatedAt: at });
  return getTemplate(db, workspaceId, id);
}

export async function deleteTemplate(db: Db, workspaceId: string, id: string): Promise<TemplateRow> {
  const row = await requireTemplate(db, workspaceId, id);
  await deleteTemplateRow(db, row.id);
  return row;
}

export function listStarters(): StarterSummary[] {
  return STARTER_KEYS.map((key) => {
    const s = STARTERS[key];
    return { key, category: s.category, name: s.name, description: s.description, ...contentFacts(s) };
  });
}

export async function addStarter(db: Db, workspaceId: string, key: string, language: 'ja' | 'en', by: string, at: Date): Promise<TemplateDetail> {
  const starter = (STARTERS as Record<string, (typeof STARTERS)[keyof typeof STARTERS] | undefined>)[key];
  if (!starter) throw new ApiError(404, 'starter_not_found', 'No such starter template.');
  const row = await writeVersion(db, await organizationOf(db, workspaceId), undefined, {
    name: starter.name[language], description: starter.description[language], category: starter.category,
    source: { kind: 'starter', starter: starter.key }, content: { graph: starter.graph, references: starter.references },
  }, by, at);
  return detail(db, row);
}

function bundleOf(name: string, description: string, category: TemplateCategory, version: number, content: Content, at: Date): TemplateBundle {
  return {
    format: BUNDLE_FORMAT, bundleVersion: CURRENT_BUNDLE_VERSION, exportedAt: at.toISOString(),
    template: { name, description, category, version }, graph: content.graph, references: content.references,
  };
}

export async function exportTemplate(db: Db, workspaceId: string, id: string, version: number | undefined, at: Date): Promise<TemplateBundle> {
  const template = await requireTemplate(db, workspaceId, id);
  const row = await requireVersion(db, template, version);
  return bundleOf(template.name, template.description, categoryOf(template.category), row.version, versionContent(row), at);
}

export async function exportScenario(db: Db, workspaceId: string, scenarioId: string, from: 'draft' | 'published', at: Date): Promise<TemplateBundle> {
  const content = await contentFromScenario(db, workspaceId, scenarioId, from);
  return bundleOf(content.name, '', 'other', 1, content, at);
}

const BUNDLE_STATUS: Record<string, number> = { bundle_too_large: 413, bundle_not_json: 400 };

/** A bundle file into the library as a new template; a bad file is refused whole, naming the problem, and nothing is written. */
export async function importBundle(db: Db, workspaceId: string, text: string, by: string, at: Date): Promise<TemplateDetail & { migratedFrom: number | null }> {
  const organizationId = await organizationOf(db, workspaceId);
  const read = parseBundle(text);
  if (!read.ok) throw new ApiError(BUNDLE_STATUS[read.error.code] ?? 422, read.error.code, read.error.message, read.error.params);
  const { bundle } = read;
  const row = await writeVersion(db, organizationId, undefined, {
    name: bundle.template.name, description: bundle.template.description, category: bundle.template.category,
    source: { kind: 'bundle' }, content: { graph: bundle.graph, references: bundle.references },
  }, by, at);
  return { ...(await detail(db, row)), migratedFrom: read.migratedFrom ?? null };
}
