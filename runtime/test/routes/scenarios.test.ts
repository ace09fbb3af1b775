import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTranslator, welcomeSeriesScenario } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';

let t: TestApp;
let ws: string;
let tags: { purchasedTagId: string; doneTagId: string };

beforeAll(async () => {
  t = await createTestApp();
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Shop' } })).json().id;
  const tag = async (name: string) => (await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws}/tags`, payload: { name } })).json().id;
  tags = { purchasedTagId: await tag('購入済み'), doneTagId: await tag('ステップ完了') };
});
afterAll(() => t.close());

const api = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', path: string, payload?: unknown) =>
  t.app.inject({ method, url: `/api/workspaces/${ws}${path}`, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('scenarios', () => {
  test('draft, save with revision check, publish to an immutable version, restore', async () => {
    const created = await api('POST', '/scenarios', { name: 'ウェルカム' });
    expect(created.statusCode).toBe(201);
    const scenario = created.json();
    expect(scenario).toMatchObject({ name: 'ウェルカム', state: 'active', publishedVersion: null, draftRevision: 1 });

    const graph = welcomeSeriesScenario({ t: createTranslator('ja'), ...tags });
    const saved = await api('PUT', `/scenarios/${scenario.id}/draft`, { graph, baseRevision: 1 });
    expect(saved.json()).toEqual({ draftRevision: 2 });
    const stale = await api('PUT', `/scenarios/${scenario.id}/draft`, { graph, baseRevision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'revision_conflict', details: { draftRevision: 2 } });

    expect((await api('POST', `/scenarios/${scenario.id}/validate`)).json()).toEqual({ issues: [] });
    const preview = (await api('GET', `/scenarios/${scenario.id}/publish-preview`)).json();
    expect(preview.fromVersion).toBeNull();
    expect(preview.changes.added).toHaveLength(graph.nodes.length);

    const published = await api('POST', `/scenarios/${scenario.id}/publish`);
    expect(published.json()).toMatchObject({ version: 1 });

    // Editing the draft leaves version 1 untouched.
    const edited = structuredClone(graph);
    const welcome = edited.nodes.find((node) => node.id === 'welcome')!;
    if (welcome.type === 'send') welcome.data.messages = [{ type: 'text', text: '変更後' }];
    await api('PUT', `/scenarios/${scenario.id}/draft`, { graph: edited, baseRevision: 2 });
    const after = (await api('GET', `/scenarios/${scenario.id}/publish-preview`)).json();
    expect(after).toMatchObject({ fromVersion: 1, changes: { added: [], removed: [], changed: ['welcome'] } });
    const versions = (await api('GET', `/scenarios/${scenario.id}/versions`)).json();
    expect(versions).toHaveLength(1);
    const v1 = (await api('GET', `/scenarios/${scenario.id}/versions/${versions[0].id}`)).json();
    expect(JSON.stringify(v1.graph)).not.toContain('変更後');

    const restored = (await api('POST', `/scenarios/${scenario.id}/versions/${versions[0].id}/restore`)).json();
    expect(restored.draftRevision).toBe(4);
    expect(JSON.stringify(restored.draft)).not.toContain('変更後');
    expect((await api('GET', '/scenarios')).json().find((s: { id: string }) => s.id === scenario.id)).toMatchObject({ publishedVersion: 1 });
  });

  test('an invalid graph is refused on publish with the validator issues and changes nothing', async () => {
    const scenario = (await api('POST', '/scenarios', { name: 'まだ途中' })).json();
    const response = await api('POST', `/scenarios/${scenario.id}/publish`);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('invalid_graph');
    expect(response.json().details.length).toBeGreaterThan(0);
    expect((await api('GET', `/scenarios/${scenario.id}/versions`)).json()).toEqual([]);
  });

  test('a draft that is not a graph is refused and the stored draft is kept', async () => {
    const scenario = (await api('POST', '/scenarios', { name: '壊れた下書き' })).json();
    const response = await api('PUT', `/scenarios/${scenario.id}/draft`, { graph: { nodes: 'nope' }, baseRevision: 1 });
    expect(response.statusCode).toBe(422);
    expect((await api('GET', `/scenarios/${scenario.id}`)).json().draftRevision).toBe(1);
  });

  test('rename, duplicate, pause, resume, archive and search', async () => {
    const scenario = (await api('POST', '/scenarios', { name: 'セミナー' })).json();
    expect((await api('PATCH', `/scenarios/${scenario.id}`, { name: 'セミナーリマインド' })).json().name).toBe('セミナーリマインド');
    const copy = await api('POST', `/scenarios/${scenario.id}/duplicate`);
    expect(copy.json().name).toBe('セミナーリマインド (コピー)');
    expect((await api('POST', `/scenarios/${scenario.id}/pause`)).json().state).toBe('paused');
    expect((await api('POST', `/scenarios/${scenario.id}/resume`)).json().state).toBe('active');
    expect((await api('POST', `/scenarios/${copy.json().id}/archive`)).json().state).toBe('archived');
    const found = (await api('GET', '/scenarios?q=リマインド')).json();
    expect(found.map((s: { id: string }) => s.id)).toEqual([scenario.id]);
    const withArchived = (await api('GET', '/scenarios?q=リマインド&includeArchived=true')).json();
    expect(withArchived).toHaveLength(2);
  });

  test("another workspace's scenario is a 404", async () => {
    const other = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Other' } })).json().id;
    const mine = (await api('POST', '/scenarios', { name: 'mine' })).json();
    const response = await t.app.inject({ method: 'GET', url: `/api/workspaces/${other}/scenarios/${mine.id}` });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('scenario_not_found');
  });
});
