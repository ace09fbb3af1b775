import type { FlowGraph, Condition, FieldKind } from '../flow/language.ts';
import type {
  CatalogueItemKind,
  PublishPreview,
  ScenarioDetail,
  ScenarioStats,
  ScenarioSummary,
  VersionDetail,
  VersionSummary,
  Workspace,
  WorkspaceCatalogue,
} from './types.ts';

/**
 * Everything the editor asks of the runtime. Components and stores depend on this interface so
 * tests run against the in-memory fake (fakeApi.ts) and the app against HTTP (httpApi.ts).
 * Every method rejects with an ApiError.
 */
export interface ScenarioApi {
  listWorkspaces(): Promise<Workspace[]>;
  createWorkspace(input: { name: string; timeZone: string }): Promise<Workspace>;
  getWorkspace(ws: string): Promise<Workspace>;

  getCatalogue(ws: string): Promise<WorkspaceCatalogue>;
  /** `kind` only for fields, `url` (where a click lands) only for links. */
  createCatalogueItem(ws: string, kind: CatalogueItemKind, input: { name: string; kind?: FieldKind; url?: string }): Promise<{ id: string; name: string }>;

  listScenarios(ws: string, query?: { q?: string; includeArchived?: boolean }): Promise<ScenarioSummary[]>;
  createScenario(ws: string, input: { name: string; graph?: FlowGraph }): Promise<ScenarioSummary>;
  getScenario(ws: string, id: string): Promise<ScenarioDetail>;
  /** `keepalive`: sent as the tab closes, so the browser completes it after the page is gone. */
  saveDraft(ws: string, id: string, input: { graph: FlowGraph; baseRevision: number }, options?: { keepalive?: boolean }): Promise<{ draftRevision: number }>;
  renameScenario(ws: string, id: string, name: string): Promise<ScenarioSummary>;
  /** 優先度: the order in which scenarios one event starts send (lower first). */
  setScenarioPriority(ws: string, id: string, priority: number): Promise<ScenarioSummary>;
  duplicateScenario(ws: string, id: string): Promise<ScenarioSummary>;
  archiveScenario(ws: string, id: string): Promise<ScenarioSummary>;
  pauseScenario(ws: string, id: string): Promise<ScenarioSummary>;
  resumeScenario(ws: string, id: string): Promise<ScenarioSummary>;

  publishPreview(ws: string, id: string): Promise<PublishPreview>;
  publish(ws: string, id: string): Promise<{ version: number }>;
  listVersions(ws: string, id: string): Promise<VersionSummary[]>;
  getVersion(ws: string, id: string, versionId: string): Promise<VersionDetail>;
  restoreVersion(ws: string, id: string, versionId: string): Promise<{ draftRevision: number }>;
  getStats(ws: string, id: string): Promise<ScenarioStats>;

  countSegment(ws: string, condition: Condition): Promise<{ count: number }>;
}
