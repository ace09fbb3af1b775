import * as Api from '@lsb/shared/api';
import { ApiError } from '../../src/api/errors.ts';
import type { ScenarioApi } from '../../src/api/ScenarioApi.ts';
import type { FlowGraph } from '../../src/flow/language.ts';
import { emptyGraph } from '../../src/flow/language.ts';
import type { Workspace, WorkspaceCatalogue } from '../../src/api/types.ts';
import { id, WS1 } from './ids.ts';
import type { FakeControls, StoredScenario } from './fake-runtime.ts';
import { checked } from './schema-check.ts';


// The autosave tests move time with fake timers and expect a save to settle inside that time, which
// a request through MSW (real I/O) cannot. They get this in-memory ScenarioApi instead, whose answers
// are checked against the same shared schemas as fake-runtime.ts's handlers.


/** An in-memory ScenarioApi that behaves like the runtime: revisions, 409 on a stale save, versions. */
export function createMemoryApi(seed: { workspaces?: Workspace[] } = {}): ScenarioApi & { controls: FakeControls } {
  const workspaces: Workspace[] = [...(seed.workspaces ?? [{ id: WS1, name: 'デモ店舗', timeZone: 'Asia/Tokyo' }])];
  const controls: FakeControls = { down: false, failNext: 0, calls: [], scenarios: new Map(), catalogues: new Map(), stats: new Map() };
  let nextId = 1;
  const newId = (prefix: string) => id(`memory-${prefix}${nextId++}`);
  const now = () => new Date().toISOString();

  async function gate(name: string): Promise<void> {
    controls.calls.push(name);
    await Promise.resolve();
    if (controls.down) throw new ApiError(0, 'network', 'Failed to fetch');
    if (controls.failNext > 0) {
      controls.failNext -= 1;
      throw new ApiError(503, 'unavailable', 'Service unavailable');
    }
  }
  function catalogue(ws: string): WorkspaceCatalogue {
    let c = controls.catalogues.get(ws);
    if (!c) {
      c = { tags: [], tagFolders: [], fields: [], inflowRoutes: [], scenarios: [], links: [] };
      controls.catalogues.set(ws, c);
    }
    return c;
  }
  function find(ws: string, id: string): StoredScenario {
    const s = controls.scenarios.get(id);
    if (!s || s.workspaceId !== ws) throw new ApiError(404, 'scenario_not_found', 'No such scenario in this workspace.');
    return s;
  }
  const summary = (s: StoredScenario) => {
    const { draft: _draft, versions: _versions, workspaceId: _ws, ...rest } = s;
    return structuredClone(rest);
  };
  const clone = <T>(value: T): T => structuredClone(value);

  const api: ScenarioApi = {
    async listWorkspaces() { await gate('listWorkspaces'); return clone(workspaces); },
    async createWorkspace(input) {
      await gate('createWorkspace');
      const w = { id: newId('ws'), ...input };
      workspaces.push(w);
      return clone(w);
    },
    async getWorkspace(ws) {
      await gate('getWorkspace');
      const w = workspaces.find((x) => x.id === ws);
      if (!w) throw new ApiError(404, 'workspace_not_found', 'No such workspace.');
      return clone(w);
    },
    async getCatalogue(ws) {
      await gate('getCatalogue');
      const c = catalogue(ws);
      c.scenarios = [...controls.scenarios.values()].filter((s) => s.workspaceId === ws).map((s) => ({ id: s.id, name: s.name }));
      return clone(c);
    },
    async createCatalogueItem(ws, kind, input) {
      await gate(`create:${kind}`);
      const item = { id: newId(kind.slice(0, 3)), name: input.name };
      const c = catalogue(ws);
      if (kind === 'tags') c.tags.push(item);
      else if (kind === 'fields') c.fields.push({ ...item, kind: input.kind ?? 'text' });
      else if (kind === 'inflow-routes') c.inflowRoutes.push(item);
      else c.links.push({ ...item, url: input.url ?? '' });
      return clone(item);
    },
    async listScenarios(ws, query = {}) {
      await gate('listScenarios');
      return [...controls.scenarios.values()]
        .filter((s) => s.workspaceId === ws)
        .filter((s) => query.includeArchived || s.state !== 'archived')
        .filter((s) => !query.q || s.name.includes(query.q))
        .map(summary);
    },
    async createScenario(ws, input) {
      await gate('createScenario');
      const s: StoredScenario = {
        id: newId('sc'), workspaceId: ws, name: input.name, state: 'active', publishedVersion: null, draftRevision: 1,
        runningCount: 0, priority: 100, updatedAt: now(), draft: clone(input.graph ?? emptyGraph()), versions: [],
      };
      controls.scenarios.set(s.id, s);
      return checked('createScenario', Api.ScenarioSummary, summary(s));
    },
    async getScenario(ws, id) {
      await gate('getScenario');
      const { versions: _v, workspaceId: _w, ...rest } = find(ws, id);
      return checked('getScenario', Api.ScenarioDetail, clone(rest));
    },
    async saveDraft(ws, id, input) {
      await gate('saveDraft');
      const s = find(ws, id);
      if (input.baseRevision !== s.draftRevision) throw new ApiError(409, 'revision_conflict', 'stale draft');
      s.draft = clone(input.graph);
      s.draftRevision += 1;
      s.updatedAt = now();
      return checked('saveDraft', Api.SaveDraftResponse, { draftRevision: s.draftRevision });
    },
    async renameScenario(ws, id, name) { await gate('renameScenario'); const s = find(ws, id); s.name = name; return summary(s); },
    async setScenarioPriority(ws, id, priority) { await gate('setScenarioPriority'); const s = find(ws, id); s.priority = priority; return summary(s); },
    async duplicateScenario(ws, id) {
      await gate('duplicateScenario');
      const s = find(ws, id);
      return api.createScenario(ws, { name: `${s.name} (2)`, graph: s.draft });
    },
    async archiveScenario(ws, id) { await gate('archiveScenario'); const s = find(ws, id); s.state = 'archived'; return summary(s); },
    async pauseScenario(ws, id) { await gate('pauseScenario'); const s = find(ws, id); s.state = 'paused'; return summary(s); },
    async resumeScenario(ws, id) { await gate('resumeScenario'); const s = find(ws, id); s.state = 'active'; return summary(s); },
    async publishPreview(ws, id) {
      await gate('publishPreview');
      const s = find(ws, id);
      const last = s.versions.at(-1)?.graph ?? emptyGraph();
      return { changes: diffNodes(last, s.draft), midRun: [], issues: [] };
    },
    async publish(ws, id) {
      await gate('publish');
      const s = find(ws, id);
      const version = s.versions.length + 1;
      s.versions.push({ id: newId('v'), version, publishedAt: now(), graph: clone(s.draft) });
      s.publishedVersion = version;
      return { version };
    },
    async listVersions(ws, id) {
      await gate('listVersions');
      return find(ws, id).versions.map(({ graph: _g, ...v }) => clone(v)).reverse();
    },
    async getVersion(ws, id, versionId) {
      await gate('getVersion');
      const v = find(ws, id).versions.find((x) => x.id === versionId);
      if (!v) throw new ApiError(404, 'version_not_found', 'No such version in this workspace.');
      return clone(v);
    },
    async restoreVersion(ws, id, versionId) {
      await gate('restoreVersion');
      const s = find(ws, id);
      const v = s.versions.find((x) => x.id === versionId);
      if (!v) throw new ApiError(404, 'version_not_found', 'No such version in this workspace.');
      s.draft = clone(v.graph);
      s.draftRevision += 1;
      return { draftRevision: s.draftRevision };
    },
    async getStats(ws, id) {
      await gate('getStats');
      find(ws, id);
      return clone(controls.stats.get(id) ?? { nodes: {} });
    },
    async countSegment() { await gate('countSegment'); return { count: 42 }; },
  };
  return Object.assign(api, { controls });
}

function diffNodes(before: FlowGraph, after: FlowGraph) {
  const old = new Map(before.nodes.map((n) => [n.id, JSON.stringify(n.data)]));
  const now = new Map(after.nodes.map((n) => [n.id, JSON.stringify(n.data)]));
  return {
    added: [...now.keys()].filter((id) => !old.has(id)),
    removed: [...old.keys()].filter((id) => !now.has(id)),
    changed: [...now.keys()].filter((id) => old.has(id) && old.get(id) !== now.get(id)),
  };
}
