import { ApiError } from './errors.ts';
import type { ScenarioApi } from './ScenarioApi.ts';
import type { ScenarioSummary } from './types.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';

/** The runtime's JSON API over fetch; every failure becomes an ApiError with the server's code. */
export function createHttpApi(base = '/api', fetchImpl: typeof fetch = (...args) => fetch(...args)): ScenarioApi {
  async function call<T>(method: Method, path: string, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(base + path, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
    }
    const text = await response.text();
    const json: unknown = text ? safeParse(text) : undefined;
    if (!response.ok) {
      const err = (json ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
      // A proxy in front of a stopped runtime answers 502/503/504 without our error shape.
      const code = typeof err.code === 'string' ? err.code : response.status >= 502 ? 'network' : `http_${response.status}`;
      const status = code === 'network' ? 0 : response.status;
      throw new ApiError(status, code, typeof err.message === 'string' ? err.message : response.statusText, err.details);
    }
    return json as T;
  }

  const ws = (id: string) => `/workspaces/${encodeURIComponent(id)}`;
  const sc = (w: string, id: string) => `${ws(w)}/scenarios/${encodeURIComponent(id)}`;

  return {
    listWorkspaces: () => call('GET', '/workspaces'),
    createWorkspace: (input) => call('POST', '/workspaces', input),
    getWorkspace: (w) => call('GET', ws(w)),
    getCatalogue: (w) => call('GET', `${ws(w)}/catalogue`),
    // Only fields have a kind; the other catalogue routes refuse unknown properties.
    createCatalogueItem: (w, kind, input) => call('POST', `${ws(w)}/${kind}`, kind === 'fields' ? input : { name: input.name }),
    listScenarios: (w, query = {}) => {
      const params = new URLSearchParams();
      if (query.q) params.set('q', query.q);
      if (query.includeArchived) params.set('includeArchived', 'true');
      const qs = params.toString();
      return call('GET', `${ws(w)}/scenarios${qs ? `?${qs}` : ''}`);
    },
    createScenario: (w, input) => call('POST', `${ws(w)}/scenarios`, input),
    getScenario: (w, id) => call('GET', sc(w, id)),
    saveDraft: (w, id, input) => call('PUT', `${sc(w, id)}/draft`, input),
    renameScenario: (w, id, name) => call<Detail>('PATCH', sc(w, id), { name }).then(summaryOf),
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

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
