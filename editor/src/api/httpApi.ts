import { createRequest } from './request.ts';
import type { ScenarioApi } from './ScenarioApi.ts';
import type { FieldKind } from '../flow/language.ts';
import type { CatalogueItemKind, ScenarioSummary } from './types.ts';

/** The runtime's JSON API over fetch; every failure becomes an ApiError with the server's code. */
export function createHttpApi(base = '/api', fetchImpl: typeof fetch = (...args) => fetch(...args)): ScenarioApi {
  const call = createRequest(base, fetchImpl);
  const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;
  const sc = (w: string, id: string) => `${ws(w)}/scenarios/${encodeURIComponent(id)}`;

  return {
    listWorkspaces: () => call('GET', '/workspaces'),
    createWorkspace: (input) => call('POST', '/workspaces', input),
    getWorkspace: (w) => call('GET', ws(w)),
    getCatalogue: (w) => call('GET', `${ws(w)}/catalogue`),
    // Only fields have a kind and only links a url; the catalogue routes refuse unknown properties.
    createCatalogueItem: (w, kind, input) => call('POST', `${ws(w)}/${kind}`, catalogueBody(kind, input)),
    listScenarios: (w, query = {}) => {
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (query.includeArchived) params.set('includeArchived', 'true');
      const qs = params.toString();
      return call('GET', `${ws(w)}/scenarios${qs ? `?${qs}` : ''}`);
    },
    createScenario: (w, input) => call('POST', `${ws(w)}/scenarios`, input),
    getScenario: (w, id) => call('GET', sc(w, id)),
    saveDraft: (w, id, input, options) => call('PUT', `${sc(w, id)}/draft`, input, options),
    renameScenario: (w, id, name) => call<Detail>('PATCH', sc(w, id), { name }).then(summaryOf),
    setScenarioPriority: (w, id, priority) => call<Detail>('PATCH', sc(w, id), { priority }).then(summaryOf),
    duplicateScenario: (w, id) => call<Detail>('POST', `${sc(w, id)}/duplicate`).then(summaryOf),
    archiveScenario: (w, id) => call<Detail>('POST', `${sc(w, id)}/archive`).then(summaryOf),
    pauseScenario: (w, id) => call<Detail>('POST', `${sc(w, id)}/pause`).then(summaryOf),
    resumeScenario: (w, id) => call<Detail>('POST', `${sc(w, id)}/resume`).then(summaryOf),
    publishPreview: (w, id) => call('GET', `${sc(w, id)}/publish-preview`),
    publish: (w, id) => call('POST', `${sc(w, id)}/publish`),
    listVersions: (w, id) => call('GET', `${sc(w, id)}/versions`),
    getVersion: (w, id, v) => call('GET', `${sc(w, id)}/versions/${encodeURIComponent(v)}`),
    restoreVersion: (w, id, v) => call('POST', `${sc(w, id)}/versions/${encodeURIComponent(v)}/restore`),
    getStats: (w, id) => call('GET', `${sc(w, id)}/stats`),
    countSegment: (w, condition) => call('POST', `${ws(w)}/segments/count`, { condition }),
  };
}

type Detail = ScenarioSummary & { draft?: unknown };

/** Scenario actions answer with the whole scenario; the editor keeps only the summary (not a second graph). */
function summaryOf({ draft: _draft, ...summary }: Detail): ScenarioSummary {
  return summary;
}

function catalogueBody(kind: CatalogueItemKind, input: { name: string; kind?: FieldKind; url?: string }): object {
  switch (kind) {
    case 'fields': return { name: input.name, ...(input.kind === undefined ? {} : { kind: input.kind }) };
    case 'links': return { name: input.name, url: input.url ?? '' };
    case 'tags':
    case 'inflow-routes':
      return { name: input.name };
  }
}
