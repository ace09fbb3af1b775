import { parseBundle, templateThumbnail, type TemplateCategory } from '@lsb/shared';

/** What the import dialog shows before anything is written; the runtime reads the file again the same way. */
export interface BundlePreview {
  /** The file's format version when it was older and is migrated on import. */
  migratedFrom: number | undefined;
  name: string;
  description: string;
  category: TemplateCategory;
  version: number;
  nodeCount: number;
  references: { tags: number; fields: number; inflowRoutes: number; links: number; scenarios: number };
  thumbnail: string;
}

export type BundleInspection = { ok: true; preview: BundlePreview } | { ok: false; code: string; params: Record<string, string | number> };

/**
 * A chosen file read in the browser with shared's parseBundle, the runtime's own reader: too
 * large, not JSON, not a bundle, unknown or future version, bad shape, duplicate ids and dangling
 * references are told before anything is sent; a good file is summarised.
 */
export function inspectBundle(text: string): BundleInspection {
  const parsed = parseBundle(text);
  if (!parsed.ok) return { ok: false, code: parsed.error.code, params: parsed.error.params };
  const { template, graph, references: r } = parsed.bundle;
  return {
    ok: true,
    preview: {
      migratedFrom: parsed.migratedFrom,
      name: template.name,
      description: template.description,
      category: template.category,
      version: template.version,
      nodeCount: graph.nodes.length,
      references: { tags: r.tags.length, fields: r.fields.length, inflowRoutes: r.inflowRoutes.length, links: r.links.length, scenarios: r.scenarios.length },
      thumbnail: templateThumbnail(graph),
    },
  };
}
