import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BUNDLE_FORMAT, BUNDLE_MAX_BYTES } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';
import { agencyScenario, newWorkspace, ownerOrganization, workspaceApi, workspaceJson } from './support.ts';

let t: TestApp;
let agency: string;
let elsewhere: string;
let source: Awaited<ReturnType<typeof agencyScenario>>;

beforeAll(async () => {
  t = await createTestApp();
  agency = await newWorkspace(t, await ownerOrganization(t), '代理店');
  // Another organization stands in for another installation: nothing of the agency's is visible there.
  const otherOrg = (await t.app.inject({ method: 'POST', url: '/api/organizations', payload: { name: '別環境' } })).json().id;
  elsewhere = await newWorkspace(t, otherOrg, '移行先');
  source = await agencyScenario(t, agency);
}, 120_000);
afterAll(() => t?.close());

const templateRows = async () => (await t.database.pool.query('select (select count(*) from templates)::int as t, (select count(*) from template_versions)::int as v')).rows[0];

describe('bundles', () => {
  test('a template exported as a versioned JSON file imports elsewhere, clones and publishes', async () => {
    const api = workspaceJson(t.app, agency);
    const template = await api('POST', '/templates', { scenarioId: source.scenarioId, name: 'ウェルカム', description: '移行テスト', category: 'welcome' });
    const bundle = await api('GET', `/templates/${template.id}/bundle`);
    expect(bundle).toMatchObject({ format: BUNDLE_FORMAT, bundleVersion: 2, template: { name: 'ウェルカム', description: '移行テスト', category: 'welcome', version: 1 } });
    expect(bundle.references.tags).toHaveLength(2);

    const imported = await workspaceApi(t.app, elsewhere)('POST', '/templates/import', { bundle: JSON.stringify(bundle) });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ name: 'ウェルカム', category: 'welcome', latestVersion: 1, source: { kind: 'bundle' }, migratedFrom: null });
    const there = workspaceJson(t.app, elsewhere);
    const preview = await there('POST', `/templates/${imported.json().id}/clone-preview`, {});
    const mapping = Object.fromEntries(preview.references.map((r: { key: string }) => [r.key, { action: 'create' }]));
    const clone = await there('POST', `/templates/${imported.json().id}/clone`, { mapping });
    expect(await there('POST', `/scenarios/${clone.scenarioId}/publish`)).toMatchObject({ version: 1 });
    expect((await there('GET', '/catalogue')).tagFolders.map((f: { name: string }) => f.name)).toEqual(['購買']);
    expect((await there('GET', '/audit?action=template.import')).entries).toHaveLength(1);
  });

  test('a scenario exports as a bundle too (its draft or its published version)', async () => {
    const api = workspaceJson(t.app, agency);
    const draft = await api('GET', `/scenarios/${source.scenarioId}/bundle`);
    const published = await api('GET', `/scenarios/${source.scenarioId}/bundle?from=published`);
    expect(draft).toMatchObject({ bundleVersion: 2, template: { name: 'ウェルカム', version: 1 } });
    expect(published.graph.nodes).toHaveLength(7);
    const imported = await workspaceApi(t.app, elsewhere)('POST', '/templates/import', { bundle: JSON.stringify(published) });
    expect(imported.statusCode).toBe(201);
  });

  test('a version 1 bundle is migrated on import', async () => {
    const api = workspaceJson(t.app, agency);
    const current = await api('GET', `/scenarios/${source.scenarioId}/bundle`);
    const v1 = {
      format: BUNDLE_FORMAT, bundleVersion: 1, name: '古い形式', graph: current.graph,
      catalogue: {
        tags: current.references.tags.map((tag: { id: string; name: string; folder: string | null }) => ({ id: tag.id, name: tag.name, ...(tag.folder ? { folderName: tag.folder } : {}) })),
        fields: [], inflowRoutes: [], links: [], scenarios: [],
      },
    };
    const imported = await workspaceApi(t.app, elsewhere)('POST', '/templates/import', { bundle: JSON.stringify(v1) });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ name: '古い形式', category: 'other', migratedFrom: 1, referenceCounts: { tags: 2 } });
    const version = await workspaceJson(t.app, elsewhere)('GET', `/templates/${imported.json().id}/versions/1`);
    expect(version.references.tags.find((tag: { name: string }) => tag.name === '購入済み')).toMatchObject({ folder: '購買' });
  });

  test('a bundle link with an address friends cannot be sent to is never created', async () => {
    const good = await workspaceJson(t.app, agency)('GET', `/scenarios/${source.scenarioId}/bundle`);
    const tips = { id: 'tips', type: 'send', position: { x: 0, y: 900 }, data: { messages: [{ type: 'text', text: '{link:bad-link}' }] } };
    const bundle = {
      ...good,
      graph: { ...good.graph, nodes: [...good.graph.nodes, tips], edges: [...good.graph.edges, { id: 'e-tips', source: 'done', sourceHandle: 'next', target: 'tips' }] },
      references: { ...good.references, links: [{ id: 'bad-link', name: '危険', url: 'javascript:alert(1)' }] },
    };
    const imported = await workspaceJson(t.app, elsewhere)('POST', '/templates/import', { bundle: JSON.stringify(bundle) });
    const mapping = { 'link:bad-link': { action: 'create' } };
    const refused = await workspaceApi(t.app, elsewhere)('POST', `/templates/${imported.id}/clone`, { mapping });
    expect([refused.statusCode, refused.json().code]).toEqual([422, 'invalid_link_url']);
    expect((await workspaceJson(t.app, elsewhere)('GET', '/catalogue')).links).toEqual([]);
  });

  test('bad bundles: each a clear error naming the problem, and nothing written', async () => {
    const good = await workspaceJson(t.app, agency)('GET', `/scenarios/${source.scenarioId}/bundle`);
    const withTags = (tags: unknown[]) => JSON.stringify({ ...good, references: { ...good.references, tags } });
    const cases: Array<[string, string, number, string, Record<string, unknown>?]> = [
      ['not JSON', '{"format": "lsb-template-bundle", "bundleVersion": 2,', 400, 'bundle_not_json'],
      ['not a bundle', JSON.stringify({ hello: 'world' }), 422, 'bundle_not_a_bundle'],
      ['a future version', JSON.stringify({ ...good, bundleVersion: 7 }), 422, 'bundle_future_version', { version: 7, max: 2 }],
      ['an unknown version', JSON.stringify({ ...good, bundleVersion: 'two' }), 422, 'bundle_unknown_version'],
      ['a dangling reference', withTags(good.references.tags.slice(1)), 422, 'bundle_dangling_reference', { kind: 'tag' }],
      ['duplicate ids', withTags([...good.references.tags, good.references.tags[0]]), 422, 'bundle_duplicate_id', { id: good.references.tags[0].id }],
      ['over 5 MB', JSON.stringify({ ...good, padding: 'x'.repeat(BUNDLE_MAX_BYTES) }), 413, 'bundle_too_large'],
    ];
    const before = await templateRows();
    for (const [what, text, status, code, params] of cases) {
      const response = await workspaceApi(t.app, elsewhere)('POST', '/templates/import', { bundle: text });
      expect([response.statusCode, response.json().code], what).toEqual([status, code]);
      expect(response.json().message.length, what).toBeGreaterThan(15);
      if (params) expect(response.json().details, what).toMatchObject(params);
    }
    expect(await templateRows()).toEqual(before);
    const audit = (await workspaceJson(t.app, elsewhere)('GET', '/audit?action=template.import')).entries.length;
    expect(audit).toBe(4); // the four good imports above, none of these
  });
});
