import type { TSchema } from 'typebox';
import { TemplateBundleV1 } from './schema.ts';

// Bundle versions move forward one step at a time. Each entry reads version `from` (its schema
// checked first, so a migration never sees a malformed file) and returns version `from + 1`.
// A new bundle version adds one entry here and keeps the older schema next to the current one.

export interface BundleMigration {
  schema: TSchema;
  up(bundle: Record<string, unknown>): Record<string, unknown>;
}

function v1ToV2(bundle: Record<string, unknown>): Record<string, unknown> {
  const old = bundle as unknown as TemplateBundleV1;
  return {
    format: old.format,
    bundleVersion: 2,
    template: { name: old.name, description: old.description ?? '', category: 'other', version: 1 },
    graph: old.graph,
    references: {
      tags: old.catalogue.tags.map((t) => ({ id: t.id, name: t.name, folder: t.folderName ?? null })),
      fields: old.catalogue.fields.map((f) => ({ id: f.id, name: f.name, kind: f.kind, choices: f.choices ?? [] })),
      inflowRoutes: old.catalogue.inflowRoutes.map((r) => ({ id: r.id, name: r.name })),
      links: old.catalogue.links.map((l) => ({ id: l.id, name: l.name, url: l.url })),
      scenarios: old.catalogue.scenarios.map((s) => ({ id: s.id, name: s.name })),
    },
  };
}

export const BUNDLE_MIGRATIONS: Readonly<Record<number, BundleMigration>> = {
  1: { schema: TemplateBundleV1, up: v1ToV2 },
};
