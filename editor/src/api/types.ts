import type { Catalogue, FlowGraph, ValidationIssue } from '../flow/language.ts';

// The HTTP API's shapes as the editor uses them. shared/src/api/ will own these once the runtime
// routes land; until then they follow the API description in the editor issue.

export interface Workspace {
  id: string;
  name: string;
  timeZone: string;
}

export type ScenarioState = 'active' | 'paused' | 'archived';

export interface ScenarioSummary {
  id: string;
  name: string;
  state: ScenarioState;
  publishedVersion: number | null;
  draftRevision: number;
  runningCount: number;
  updatedAt: string;
}

export interface ScenarioDetail extends ScenarioSummary {
  draft: FlowGraph;
}

export interface WorkspaceCatalogue extends Catalogue {
  tagFolders: { id: string; name: string }[];
}

export interface PublishPreview {
  changes: { added: string[]; removed: string[]; changed: string[] };
  midRun: { nodeId: string; count: number }[];
  issues: ValidationIssue[];
}

export interface VersionSummary {
  id: string;
  version: number;
  publishedAt: string;
}

export interface VersionDetail extends VersionSummary {
  graph: FlowGraph;
}

export interface NodeStats {
  waiting: number;
  entered: number;
  sent?: number;
  clicked?: number;
}

export interface ScenarioStats {
  nodes: Record<string, NodeStats>;
}

export type CatalogueItemKind = 'tags' | 'fields' | 'inflow-routes' | 'links';
