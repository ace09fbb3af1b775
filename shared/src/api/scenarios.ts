import { FriendFilter } from './segments.ts';
import { Type, type Static } from 'typebox';
import { IsoDateTime, Name, Uuid } from './common.ts';

/** Graphs cross the API as JSON and are parsed by parseFlowGraph on the server, never trusted. */
const GraphJson = Type.Unknown({ description: 'A FlowGraph ({ schemaVersion, nodes, edges }).' });

export const ScenarioState = Type.Union([Type.Literal('active'), Type.Literal('paused'), Type.Literal('archived')]);

export const ScenarioSummary = Type.Object({
  id: Uuid,
  name: Type.String(),
  state: ScenarioState,
  publishedVersion: Type.Union([Type.Integer(), Type.Null()]),
  draftRevision: Type.Integer(),
  runningCount: Type.Integer(),
  /** 優先度: when one event starts several scenarios, their messages go out lowest first. */
  priority: Type.Integer(),
  updatedAt: IsoDateTime,
});
export type ScenarioSummary = Static<typeof ScenarioSummary>;

export const ScenarioDetail = Type.Intersect([ScenarioSummary, Type.Object({ draft: GraphJson })]);
export type ScenarioDetail = Static<typeof ScenarioDetail>;

export const ListScenariosQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  includeArchived: Type.Optional(Type.Boolean()),
});

export const CreateScenarioBody = Type.Object({ name: Name, graph: Type.Optional(GraphJson) }, { additionalProperties: false });
export type CreateScenarioBody = Static<typeof CreateScenarioBody>;

export const ScenarioPriority = Type.Integer({ minimum: 0, maximum: 9999 });
/** A rename, a new priority, or both. */
export const RenameScenarioBody = Type.Object(
  { name: Type.Optional(Name), priority: Type.Optional(ScenarioPriority) },
  { additionalProperties: false, minProperties: 1 },
);
export type RenameScenarioBody = Static<typeof RenameScenarioBody>;

export const SaveDraftBody = Type.Object({ graph: GraphJson, baseRevision: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });
export type SaveDraftBody = Static<typeof SaveDraftBody>;
export const SaveDraftResponse = Type.Object({ draftRevision: Type.Integer() });

export const FlowIssueJson = Type.Object({
  code: Type.String(),
  nodeId: Type.Optional(Type.String()),
  edgeId: Type.Optional(Type.String()),
  messageKey: Type.String(),
  params: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  message: Type.Optional(Type.String()),
});
export const ValidateResponse = Type.Object({ issues: Type.Array(FlowIssueJson) });

export const PublishPreview = Type.Object({
  fromVersion: Type.Union([Type.Integer(), Type.Null()]),
  changes: Type.Object({ added: Type.Array(Type.String()), removed: Type.Array(Type.String()), changed: Type.Array(Type.String()) }),
  midRun: Type.Array(Type.Object({ nodeId: Type.String(), count: Type.Integer() })),
  issues: Type.Array(FlowIssueJson),
});
export type PublishPreview = Static<typeof PublishPreview>;

export const PublishResponse = Type.Object({ versionId: Uuid, version: Type.Integer() });

export const VersionSummary = Type.Object({ id: Uuid, version: Type.Integer(), publishedAt: IsoDateTime });
export type VersionSummary = Static<typeof VersionSummary>;
export const VersionDetail = Type.Intersect([VersionSummary, Type.Object({ graph: GraphJson })]);
export const VersionParams = Type.Object({ workspaceId: Uuid, id: Uuid, versionId: Uuid });

export const NodeStats = Type.Object({
  waiting: Type.Integer(),
  entered: Type.Integer(),
  sent: Type.Optional(Type.Integer()),
  clicked: Type.Optional(Type.Integer()),
});
export const ScenarioStats = Type.Object({ nodes: Type.Record(Type.String(), NodeStats) });
export type ScenarioStats = Static<typeof ScenarioStats>;

export const EnrolBody = Type.Union([
  Type.Object({ friendIds: Type.Array(Uuid, { minItems: 1, maxItems: 10_000 }) }, { additionalProperties: false }),
  Type.Object({ condition: Type.Unknown() }, { additionalProperties: false }),
  /** The friends page's filter (name search, saved segment, condition): every matching active friend. */
  Type.Object({ filter: FriendFilter }, { additionalProperties: false }),
]);
export const EnrolResponse = Type.Object({ enrolled: Type.Integer(), skipped: Type.Integer() });
