import { describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/errors.ts';
import { createHttpApi } from '../src/api/httpApi.ts';

const respond = (status: number, body: unknown) => async () => new Response(body === undefined ? null : JSON.stringify(body), { status });

describe('HTTP API client', () => {
  it('turns a refused connection into a retryable network error', async () => {
    const api = createHttpApi('/api', async () => { throw new TypeError('Failed to fetch'); });
    const error = await api.listWorkspaces().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 0, code: 'network', retryable: true });
  });

  it('treats a gateway without our error shape as the runtime being down', async () => {
    const error = await createHttpApi('/api', respond(502, undefined)).listWorkspaces().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'network' });
  });

  it('keeps the server’s code, message and details', async () => {
    const api = createHttpApi('/api', respond(409, { code: 'revision_conflict', message: 'stale', details: { current: 3 } }));
    const error = await api.saveDraft('w', 's', { graph: { schemaVersion: 2, nodes: [], edges: [] }, baseRevision: 1 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 409, code: 'revision_conflict', message: 'stale', details: { current: 3 }, retryable: false });
  });

  it('sends JSON to the documented paths and strips the graph from scenario actions', async () => {
    const calls: [string, RequestInit | undefined][] = [];
    const api = createHttpApi('/api', async (url, init) => {
      calls.push([String(url), init]);
      return new Response(JSON.stringify({ id: 's', name: 'n', state: 'paused', publishedVersion: 1, draftRevision: 2, runningCount: 0, updatedAt: '', draft: {} }), { status: 200 });
    });
    const summary = await api.pauseScenario('w 1', 's');
    expect(calls[0]?.[0]).toBe('/api/workspaces/w%201/scenarios/s/pause');
    expect(calls[0]?.[1]?.method).toBe('POST');
    expect('draft' in summary).toBe(false);
    await api.listScenarios('w', { q: '予約', includeArchived: true });
    expect(calls[1]?.[0]).toBe('/api/workspaces/w/scenarios?q=%E4%BA%88%E7%B4%84&includeArchived=true');
    await api.createCatalogueItem('w', 'tags', { name: 'VIP', kind: 'text' });
    expect(calls[2]?.[1]?.body).toBe('{"name":"VIP"}');
    await api.createCatalogueItem('w', 'links', { name: 'LP', url: 'https://shop.example/lp', kind: 'text' });
    expect(calls[3]?.[0]).toBe('/api/workspaces/w/links');
    expect(calls[3]?.[1]?.body).toBe('{"name":"LP","url":"https://shop.example/lp"}');
  });
});
