import type { Catalogue, FlowGraph, ValidationIssue } from '../flow/language.ts';

import type * as Api from '@lsb/shared/api';

// The HTTP API's shapes as the editor uses them, taken from the schemas the runtime's routes
// validate with (shared/src/api); graphs are narrowed from the API's "any JSON" to FlowGraph.

export type Workspace = Pick<Api.Workspace, 'id' | 'name' | 'timeZone'>;
export type ScenarioSummary = Api.ScenarioSummary;

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

export type VersionSummary = Api.VersionSummary;

export interface VersionDetail extends VersionSummary {
  graph: FlowGraph;
}

export type ScenarioStats = Api.ScenarioStats;
export type NodeStats = ScenarioStats['nodes'][string];

export type CatalogueItemKind = 'tags' | 'fields' | 'inflow-routes' | 'links';
