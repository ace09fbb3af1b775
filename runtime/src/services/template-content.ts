import {
  emptyReferences, graphReferences, inlineGraphSegments, parseFlowGraph, referenceKey, templateThumbnail, type FlowGraph, type TemplateReferences,
} from '@lsb/shared';
import { TemplateReferences as TemplateReferencesSchema } from '@lsb/shared';
import { Value } from 'typebox/value';
import type { Db } from '../db/pool.ts';
import { conflict, unprocessable } from '../errors.ts';
import { loadCatalogue } from './catalogue.ts';
import { getScenarioRow, getVersion } from './scenarios.ts';
import { loadSegments } from './segments.ts';

// A scenario turned into portable template content: saved segments inlined, and every tag, field,
// route, link and scenario it refers to described by name (tags with their folder, fields with
// kind and choices), keyed by the source workspace's ids.

export interface Content { graph: FlowGraph; references: TemplateReferences }

export function parseStoredGraph(json: unknown): FlowGraph {
  const parsed = parseFlowGraph(json);
  if (!parsed.ok) throw unprocessable('invalid_graph', 'The stored graph cannot be read.', parsed.issues);
  return parsed.graph;
}

export function parseStoredReferences(json: unknown): TemplateReferences {
  return Value.Check(TemplateReferencesSchema, json) ? json : emptyReferences();
}

export async function contentFromScenario(db: Db, workspaceId: string, scenarioId: string, from: 'draft' | 'published'): Promise<Content & { name: string }> {
  const row = await getScenarioRow(db, workspaceId, scenarioId);
  let json: unknown = row.draft;
  if (from === 'published') {
    if (!row.currentVersionId) throw conflict('scenario_not_published', 'The scenario has no published version yet; save its draft instead.');
    json = (await getVersion(db, workspaceId, scenarioId, row.currentVersionId)).graph;
  }
  const [catalogue, segments] = await Promise.all([loadCatalogue(db, workspaceId), loadSegments(db, workspaceId)]);
  const graph = inlineGraphSegments(parseStoredGraph(json), segments.resolve);
  const references = emptyReferences();
  const missing: string[] = [];
  const folders = new Map(catalogue.tagFolders.map((f) => [f.id, f.name]));
  for (const ref of graphReferences(graph)) {
    const found = (() => {
      switch (ref.kind) {
        case 'tag': {
          const tag = catalogue.tags.find((t) => t.id === ref.id);
          return tag && references.tags.push({ id: tag.id, name: tag.name, folder: (tag.folderId && folders.get(tag.folderId)) ?? null });
        }
        case 'field': {
          const field = catalogue.fields.find((f) => f.id === ref.id);
          return field && references.fields.push({ id: field.id, name: field.name, kind: field.kind, choices: field.choices });
        }
        case 'inflowRoute': {
          const route = catalogue.inflowRoutes.find((r) => r.id === ref.id);
          return route && references.inflowRoutes.push({ id: route.id, name: route.name });
        }
        case 'link': {
          const link = catalogue.links.find((l) => l.id === ref.id);
          return link && references.links.push({ id: link.id, name: link.name, url: link.url });
        }
        case 'scenario': {
          const scenario = catalogue.scenarios.find((s) => s.id === ref.id);
          return scenario && references.scenarios.push({ id: scenario.id, name: scenario.name });
        }
      }
    })();
    if (!found) missing.push(referenceKey(ref.kind, ref.id));
  }
  if (missing.length > 0) {
    throw unprocessable('template_dangling_reference', 'The scenario refers to things this workspace no longer has; fix the scenario first.', { missing });
  }
  return { graph, references, name: row.name };
}

export function contentFacts(content: Content) {
  const r = content.references;
  return {
    thumbnail: templateThumbnail(content.graph),
    referenceCounts: { tags: r.tags.length, fields: r.fields.length, inflowRoutes: r.inflowRoutes.length, links: r.links.length, scenarios: r.scenarios.length },
    nodeCount: content.graph.nodes.length,
  };
}
