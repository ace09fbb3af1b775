import { Type, type Static } from 'typebox';
import { TemplateCategory, TemplateDescription } from '../templates/content.ts';
import { TemplateReferences } from '../templates/references.ts';

// A bundle is a template (or a scenario) as one JSON file that any installation can import.
// `bundleVersion` is this file format's version; older ones are migrated on import
// (bundle/migrations.ts), newer ones are refused by name.

export const BUNDLE_FORMAT = 'lsb-template-bundle';
export const CURRENT_BUNDLE_VERSION = 2;
/** Import refuses files over this many bytes (UTF-8) before parsing them. */
export const BUNDLE_MAX_BYTES = 5 * 1024 * 1024;

const BundleName = Type.String({ minLength: 1, maxLength: 100 });

/** Version 2 (current): the template's metadata under `template`, its references with tag folders by name. */
export const TemplateBundle = Type.Object({
  format: Type.Literal(BUNDLE_FORMAT),
  bundleVersion: Type.Literal(CURRENT_BUNDLE_VERSION),
  /** When it was exported (absent in files migrated from version 1). */
  exportedAt: Type.Optional(Type.String({ format: 'date-time' })),
  template: Type.Object({
    name: BundleName,
    description: TemplateDescription,
    category: TemplateCategory,
    /** The template version this file was exported from (1 for a scenario). */
    version: Type.Integer({ minimum: 1 }),
  }, { additionalProperties: false }),
  graph: Type.Unknown({ description: 'A FlowGraph; parsed (and migrated) by parseFlowGraph on import.' }),
  references: TemplateReferences,
}, { additionalProperties: false });
export type TemplateBundle = Static<typeof TemplateBundle>;

/**
 * Version 1 (the first exports): metadata at the top, no category, the references as a
 * `catalogue` whose tags name their folder as `folderName` (absent = none) and whose fields may
 * omit `choices`. Kept only so migrations can be typed and tested.
 */
export const TemplateBundleV1 = Type.Object({
  format: Type.Literal(BUNDLE_FORMAT),
  bundleVersion: Type.Literal(1),
  name: BundleName,
  description: Type.Optional(TemplateDescription),
  graph: Type.Unknown(),
  catalogue: Type.Object({
    tags: Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), name: BundleName, folderName: Type.Optional(BundleName) })),
    fields: Type.Array(Type.Object({
      id: Type.String({ minLength: 1, maxLength: 200 }), name: BundleName,
      kind: Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('date'), Type.Literal('choice')]),
      choices: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }))),
    })),
    inflowRoutes: Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), name: BundleName })),
    links: Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), name: BundleName, url: Type.String({ maxLength: 1000 }) })),
    scenarios: Type.Array(Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }), name: BundleName })),
  }),
});
export type TemplateBundleV1 = Static<typeof TemplateBundleV1>;

/** Why a bundle was refused: a stable code, what was found, and (when known) where. */
export const BUNDLE_ERROR_CODES = [
  'bundle_too_large', 'bundle_not_json', 'bundle_not_a_bundle', 'bundle_unknown_version', 'bundle_future_version',
  'bundle_invalid_shape', 'bundle_invalid_graph', 'bundle_duplicate_id', 'bundle_dangling_reference',
] as const;
export type BundleErrorCode = (typeof BUNDLE_ERROR_CODES)[number];
export interface BundleError {
  code: BundleErrorCode;
  /** English, for logs and API clients; the editor shows `bundleError.<code>` with `params`. */
  message: string;
  params: Record<string, string | number>;
}
