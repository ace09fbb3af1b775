import { Type, type Static } from 'typebox';
import { TemplateCategory, TemplateDescription } from '../templates/content.ts';
import { TemplateReferenceKindSchema, TemplateReferences } from '../templates/references.ts';
import { STARTER_KEYS } from '../templates/starters/keys.ts';
import { IsoDateTime, Name, Uuid } from './common.ts';
import { PublishPreview } from './scenarios.ts';

/*
 * Templates (issue 13). A workspace sees its organization's library; every route lives under
 * /api/workspaces/:workspaceId (viewer reads, editor changes), so the role checks and the
 * isolation test apply as everywhere. A template of another organization is 404.
 *
 *   GET    …/templates                          → TemplateSummary[]
 *   POST   …/templates                          SaveTemplateBody → 201 TemplateDetail (templateId given: its next version)
 *   GET    …/templates/starters                 → StarterSummary[] (the starter gallery, ja + en)
 *   POST   …/templates/starters                 AddStarterBody → 201 TemplateDetail (a starter copied into the library)
 *   POST   …/templates/import                   ImportBundleBody → 201 TemplateDetail (413/400/422 bundle_* codes; nothing written)
 *   GET    …/templates/:id                      → TemplateDetail
 *   PATCH  …/templates/:id                      UpdateTemplateBody → TemplateDetail
 *   DELETE …/templates/:id                      → 204 (clones stay: they are independent scenarios)
 *   GET    …/templates/:id/versions/:version    → TemplateVersionDetail
 *   GET    …/templates/:id/bundle?version=N     → TemplateBundle (shared/src/bundle/schema.ts)
 *   POST   …/templates/:id/clone-preview        ClonePreviewBody → ClonePreview (viewer)
 *   POST   …/templates/:id/clone                CloneBody → 201 CloneResult (scenarioId given: finish mapping that clone's draft)
 *   GET    …/scenarios/:id/bundle?from=draft|published → TemplateBundle
 *   GET    …/scenarios/:id/template-link        → TemplateLink (404 not_a_template_clone)
 *   GET    …/template-rollouts                  → Rollout[] (newest first)
 *   POST   …/template-rollouts                  StartRolloutBody → 202 Rollout (runs as a job)
 *   GET    …/template-rollouts/:id              → Rollout (poll for progress)
 *   POST   …/template-rollouts/:id/cancel       → Rollout (targets not yet started end `cancelled`)
 *   POST   …/template-rollouts/:id/retry        RetryRolloutBody → 202 Rollout (failed/cancelled targets again)
 *
 * A roll-out's preview is one clone-preview per target workspace (`/api/workspaces/<target>/templates/:id/clone-preview`):
 * rows with `remembered: true` come from that workspace's saved mapping and need no answer.
 */

export const TEMPLATE_ERROR_CODES = [
  'template_not_found', 'template_version_not_found', 'starter_not_found', 'scenario_not_published',
  /** Saving a scenario that refers to a tag, field, … the workspace no longer has; details.missing. */
  'template_dangling_reference',
  /** A mapping names a reference the template does not have. */
  'mapping_unknown_reference',
  /** A mapping's target is not in the workspace (or is of another kind). */
  'mapping_target_not_found',
  /** A field mapped to a field of another kind, or to a choice field lacking some of the template's choices. */
  'mapping_field_kind_mismatch',
  /** "Create" with a name the workspace already uses for that kind. */
  'mapping_name_taken',
  /** "Create" for a link whose address is not an absolute http(s) URL. */
  'invalid_link_url',
  /** Publishing (or rolling out) while references are still unmapped; details.unmapped lists their keys. */
  'template_references_unmapped',
  'not_a_template_clone', 'rollout_not_found',
  /** Per roll-out target: the person may not edit that workspace, or it is not in the organization. */
  'rollout_forbidden', 'rollout_workspace_not_found',
  /** Per roll-out target: the mapped graph does not validate there; details.issues. */
  'invalid_graph',
  'rollout_cancelled', 'rollout_failed', 'rollout_running',
] as const;
export type TemplateErrorCode = (typeof TEMPLATE_ERROR_CODES)[number];

export const TemplateParams = Type.Object({ workspaceId: Uuid, id: Uuid });
export const TemplateVersionParams = Type.Object({ workspaceId: Uuid, id: Uuid, version: Type.Integer({ minimum: 1 }) });
export const BundleQuery = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) });
export const ScenarioBundleQuery = Type.Object({ from: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])) });

/** How many references of each kind a template version carries. */
export const ReferenceCounts = Type.Object({
  tags: Type.Integer(), fields: Type.Integer(), inflowRoutes: Type.Integer(), links: Type.Integer(), scenarios: Type.Integer(),
});

export const TemplateSummary = Type.Object({
  id: Uuid,
  organizationId: Uuid,
  name: Type.String(),
  description: Type.String(),
  category: TemplateCategory,
  latestVersion: Type.Integer(),
  /** Where the latest version came from: a scenario (and whether its draft or published version), a starter, or a bundle. */
  source: Type.Union([
    Type.Object({ kind: Type.Literal('scenario'), workspaceId: Uuid, scenarioId: Uuid, from: Type.Union([Type.Literal('draft'), Type.Literal('published')]) }),
    Type.Object({ kind: Type.Literal('starter'), starter: Type.String() }),
    Type.Object({ kind: Type.Literal('bundle') }),
  ]),
  /** The graph's picture: an SVG document derived from node positions by shared's templateThumbnail (same in editor and runtime). */
  thumbnail: Type.String(),
  referenceCounts: ReferenceCounts,
  nodeCount: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type TemplateSummary = Static<typeof TemplateSummary>;

export const TemplateVersionSummary = Type.Object({
  version: Type.Integer(),
  createdAt: IsoDateTime,
  /** Who saved it, as named then. */
  createdBy: Type.String(),
});
export type TemplateVersionSummary = Static<typeof TemplateVersionSummary>;

export const TemplateDetail = Type.Intersect([TemplateSummary, Type.Object({ versions: Type.Array(TemplateVersionSummary) })]);
export type TemplateDetail = Static<typeof TemplateDetail>;

export const TemplateVersionDetail = Type.Object({
  templateId: Uuid,
  version: Type.Integer(),
  createdAt: IsoDateTime,
  graph: Type.Unknown(),
  references: TemplateReferences,
  thumbnail: Type.String(),
});
export type TemplateVersionDetail = Static<typeof TemplateVersionDetail>;

export const SaveTemplateBody = Type.Object({
  scenarioId: Uuid,
  /** The scenario's draft (default) or its current published version (409 scenario_not_published without one). */
  from: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')])),
  name: Name,
  description: Type.Optional(TemplateDescription),
  category: Type.Optional(TemplateCategory),
  /** Save as the next version of this template instead of a new template. */
  templateId: Type.Optional(Uuid),
}, { additionalProperties: false });
export type SaveTemplateBody = Static<typeof SaveTemplateBody>;

export const UpdateTemplateBody = Type.Object(
  { name: Type.Optional(Name), description: Type.Optional(TemplateDescription), category: Type.Optional(TemplateCategory) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateTemplateBody = Static<typeof UpdateTemplateBody>;

export const StarterKey = Type.Enum(STARTER_KEYS);
export const StarterSummary = Type.Object({
  key: StarterKey,
  category: TemplateCategory,
  name: Type.Object({ ja: Type.String(), en: Type.String() }),
  description: Type.Object({ ja: Type.String(), en: Type.String() }),
  thumbnail: Type.String(),
  referenceCounts: ReferenceCounts,
  nodeCount: Type.Integer(),
});
export type StarterSummary = Static<typeof StarterSummary>;
export const AddStarterBody = Type.Object({ starter: StarterKey, language: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('en')])) }, { additionalProperties: false });
export type AddStarterBody = Static<typeof AddStarterBody>;

/** The bundle file's text as read (parsed by the server so "not JSON" is its own clear error). */
export const ImportBundleBody = Type.Object({ bundle: Type.String() }, { additionalProperties: false });
export type ImportBundleBody = Static<typeof ImportBundleBody>;
/** The route accepts bodies this large so that a file just over BUNDLE_MAX_BYTES gets bundle_too_large, not a generic 413. */
export const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

/** One answer of the clone wizard for one reference. */
export const MappingChoice = Type.Union([
  Type.Object({ action: Type.Literal('existing'), targetId: Uuid }, { additionalProperties: false }),
  /** Create it in the target workspace; `name` defaults to the template's (a tag also gets its folder, found or created by name). */
  Type.Object({ action: Type.Literal('create'), name: Type.Optional(Name) }, { additionalProperties: false }),
]);
export type MappingChoice = Static<typeof MappingChoice>;
/** Keyed by reference key (`tag:<id>`, `field:<id>`, … as in ClonePreview rows). A key left out stays unmapped. */
export const Mapping = Type.Record(Type.String({ maxLength: 220 }), MappingChoice);
export type Mapping = Static<typeof Mapping>;

export const ClonePreviewBody = Type.Object({ version: Type.Optional(Type.Integer({ minimum: 1 })) }, { additionalProperties: false });

export const ReferenceRow = Type.Object({
  key: Type.String(),
  kind: TemplateReferenceKindSchema,
  /** The template-local id and the template's name for it. */
  id: Type.String(),
  name: Type.String(),
  /** Tags: their folder; fields: kind and choices; links: url. */
  folder: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  fieldKind: Type.Optional(Type.String()),
  choices: Type.Optional(Type.Array(Type.String())),
  url: Type.Optional(Type.String()),
  /** The proposed answer: the workspace's remembered mapping, else an entry of the same name (fields: compatible only), else create. */
  suggestion: MappingChoice,
  /** True when the suggestion is this workspace's saved mapping from an earlier clone or roll-out (a roll-out asks nothing for these). */
  remembered: Type.Boolean(),
  /** Entries of the workspace this reference may map to (fields: same kind, choices a superset). */
  candidates: Type.Array(Type.Object({ id: Uuid, name: Type.String() })),
});
export type ReferenceRow = Static<typeof ReferenceRow>;

export const ClonePreview = Type.Object({
  templateId: Uuid,
  version: Type.Integer(),
  references: Type.Array(ReferenceRow),
  /** This workspace's existing clone of the template (a roll-out publishes a new version of it instead of copying again). */
  existingClone: Type.Union([Type.Object({ scenarioId: Uuid, name: Type.String(), templateVersion: Type.Integer() }), Type.Null()]),
});
export type ClonePreview = Static<typeof ClonePreview>;

export const CloneBody = Type.Object({
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  /** The new scenario's name (default: the template's). */
  name: Type.Optional(Name),
  mapping: Mapping,
  /** Apply the mapping to this existing clone's draft (finishing an earlier partial mapping) instead of making a new scenario. */
  scenarioId: Type.Optional(Uuid),
}, { additionalProperties: false });
export type CloneBody = Static<typeof CloneBody>;

export const CloneResult = Type.Object({
  scenarioId: Uuid,
  name: Type.String(),
  templateVersion: Type.Integer(),
  /** Reference keys still unmapped: publishing is refused (422 template_references_unmapped) until they are mapped. */
  unmapped: Type.Array(Type.String()),
  /** What the mapping created in the workspace, by reference key. */
  created: Type.Record(Type.String(), Uuid),
});
export type CloneResult = Static<typeof CloneResult>;

/** A clone's link to its template: "template updated" when a newer version exists, with both graphs in this workspace's ids for a diff. */
export const TemplateLink = Type.Object({
  templateId: Uuid,
  templateName: Type.String(),
  clonedVersion: Type.Integer(),
  latestVersion: Type.Integer(),
  updateAvailable: Type.Boolean(),
  /** The graph of the cloned version and of the latest, mapped with this workspace's mapping (unmapped ids left as they are). */
  clonedGraph: Type.Unknown(),
  latestGraph: Type.Unknown(),
  /** Node ids added, removed or changed from the cloned version to the latest (as the publish preview counts them). */
  changes: Type.Object({ added: Type.Array(Type.String()), removed: Type.Array(Type.String()), changed: Type.Array(Type.String()) }),
});
export type TemplateLink = Static<typeof TemplateLink>;

export const ROLLOUT_STATUSES = ['running', 'done', 'cancelled', 'failed'] as const;
export const RolloutStatus = Type.Enum(ROLLOUT_STATUSES);
export const ROLLOUT_TARGET_STATUSES = ['pending', 'succeeded', 'failed', 'cancelled'] as const;
export const RolloutTargetStatus = Type.Enum(ROLLOUT_TARGET_STATUSES);

export const RolloutTarget = Type.Object({
  workspaceId: Uuid,
  workspaceName: Type.String(),
  status: RolloutTargetStatus,
  /** Failed: why, with a stable code (rollout_forbidden, template_references_unmapped, invalid_graph, …). */
  error: Type.Union([Type.Object({ code: Type.String(), message: Type.String(), details: Type.Optional(Type.Unknown()) }), Type.Null()]),
  scenarioId: Type.Union([Uuid, Type.Null()]),
  /** The scenario's version this roll-out published. */
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  /** True when the workspace already held a clone and got a new version of it (not a second copy). */
  updatedExisting: Type.Boolean(),
  /** For an updated clone: the publish impact summary as it was just before publishing (who is mid-run where). */
  impact: Type.Union([Type.Omit(PublishPreview, ['issues']), Type.Null()]),
  attempts: Type.Integer(),
});
export type RolloutTarget = Static<typeof RolloutTarget>;

export const Rollout = Type.Object({
  id: Uuid,
  templateId: Uuid,
  templateName: Type.String(),
  version: Type.Integer(),
  status: RolloutStatus,
  total: Type.Integer(),
  /** Targets finished (succeeded, failed or cancelled). */
  processed: Type.Integer(),
  cancelRequested: Type.Boolean(),
  targets: Type.Array(RolloutTarget),
  createdAt: IsoDateTime,
  finishedAt: Type.Union([IsoDateTime, Type.Null()]),
});
export type Rollout = Static<typeof Rollout>;

export const RolloutTargetBody = Type.Object({ workspaceId: Uuid, mapping: Type.Optional(Mapping) }, { additionalProperties: false });
export const StartRolloutBody = Type.Object({
  templateId: Uuid,
  /** Default: the latest version. */
  version: Type.Optional(Type.Integer({ minimum: 1 })),
  targets: Type.Array(RolloutTargetBody, { minItems: 1, maxItems: 200 }),
}, { additionalProperties: false });
export type StartRolloutBody = Static<typeof StartRolloutBody>;

/** Retry the failed and cancelled targets (or only these), optionally with new mappings for them. */
export const RetryRolloutBody = Type.Object({
  targets: Type.Optional(Type.Array(RolloutTargetBody, { maxItems: 200 })),
}, { additionalProperties: false });
export type RetryRolloutBody = Static<typeof RetryRolloutBody>;

/** An imported bundle's new template, and the bundle version it was migrated from (null when current). */
export const ImportBundleResponse = Type.Intersect([TemplateDetail, Type.Object({ migratedFrom: Type.Union([Type.Integer(), Type.Null()]) })]);
export type ImportBundleResponse = Static<typeof ImportBundleResponse>;
