import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addMember } from '../support/auth.ts';
import { agencyScenario, footprint, newWorkspace, ownerOrganization, workspaceApi, workspaceJson } from './support.ts';

let t: TestApp;
let agency: string;
let client: string;
let source: Awaited<ReturnType<typeof agencyScenario>>;

beforeAll(async () => {
  t = await createTestApp();
  const org = await ownerOrganization(t);
  agency = await newWorkspace(t, org, '代理店');
  client = await newWorkspace(t, org, 'クライアントA');
  source = await agencyScenario(t, agency);
}, 120_000);
afterAll(() => t?.close());

const tagKey = (id: string) => `tag:${id}`;

describe('template library', () => {
  test('save from the draft or the published version; saving again makes version 2; listed with a picture and audited', async () => {
    const api = workspaceApi(t.app, agency);
    const unpublished = await workspaceJson(t.app, agency)('POST', '/scenarios', { name: '下書きだけ' });
    const refused = await api('POST', '/templates', { scenarioId: unpublished.id, from: 'published', name: 'x' });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'scenario_not_published']);

    const saved = await api('POST', '/templates', { scenarioId: source.scenarioId, from: 'published', name: 'ウェルカム雛形', description: '説明', category: 'welcome' });
    expect(saved.statusCode).toBe(201);
    const template = saved.json();
    expect(template).toMatchObject({
      name: 'ウェルカム雛形', description: '説明', category: 'welcome', latestVersion: 1, nodeCount: 7,
      referenceCounts: { tags: 2, fields: 0, inflowRoutes: 0, links: 0, scenarios: 0 },
      source: { kind: 'scenario', workspaceId: agency, scenarioId: source.scenarioId, from: 'published' },
    });
    expect(template.thumbnail).toMatch(/^<svg /);
    const v1 = (await api('GET', `/templates/${template.id}/versions/1`)).json();
    expect(v1.references.tags).toEqual(expect.arrayContaining([
      { id: source.purchasedTagId, name: '購入済み', folder: '購買' }, { id: source.doneTagId, name: 'ステップ完了', folder: null },
    ]));

    const again = (await api('POST', '/templates', { scenarioId: source.scenarioId, name: 'ウェルカム雛形', templateId: template.id })).json();
    expect(again).toMatchObject({ id: template.id, latestVersion: 2, source: { from: 'draft' } });
    expect(again.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await api('GET', '/templates')).json().map((x: { id: string }) => x.id)).toContain(template.id);

    // The client workspace of the same organization sees the library; the audit log has both saves.
    expect((await workspaceApi(t.app, client)('GET', `/templates/${template.id}`)).statusCode).toBe(200);
    const audit = (await api('GET', '/audit?action=template.save')).json().entries;
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ targetType: 'template', targetId: template.id, details: { version: 2 } });
  });

  test('a workspace of another organization does not see the library', async () => {
    const other = (await t.app.inject({ method: 'POST', url: '/api/organizations', payload: { name: '別の代理店' } })).json().id;
    const foreign = await newWorkspace(t, other, '他社');
    const template = (await workspaceJson(t.app, agency)('GET', '/templates'))[0];
    const response = await workspaceApi(t.app, foreign)('GET', `/templates/${template.id}`);
    expect([response.statusCode, response.json().code]).toEqual([404, 'template_not_found']);
    expect((await workspaceJson(t.app, foreign)('GET', '/templates'))).toEqual([]);
  });
});

describe('clone with remapping', () => {
  let templateId: string;
  beforeAll(async () => {
    templateId = (await workspaceJson(t.app, agency)('POST', '/templates', { scenarioId: source.scenarioId, name: '複製用' })).id;
  });

  test('the preview suggests by name and offers only compatible fields; the clone is a draft with ids rewritten', async () => {
    const api = workspaceJson(t.app, client);
    const bought = await api('POST', '/tags', { name: '購入済み' }); // same name as the template's
    await api('POST', '/tags', { name: '完了' }); // a different name for ステップ完了
    const preview = await api('POST', `/templates/${templateId}/clone-preview`, {});
    const rows = Object.fromEntries(preview.references.map((r: { key: string }) => [r.key, r]));
    expect(rows[tagKey(source.purchasedTagId)]).toMatchObject({ name: '購入済み', folder: '購買', suggestion: { action: 'existing', targetId: bought.id }, remembered: false });
    expect(rows[tagKey(source.doneTagId)]).toMatchObject({ suggestion: { action: 'create' } });
    expect(preview.existingClone).toBeNull();

    const before = await footprint(t, client);
    const cloned = await workspaceApi(t.app, client)('POST', `/templates/${templateId}/clone`, {
      name: 'クライアント用ウェルカム',
      mapping: { [tagKey(source.purchasedTagId)]: { action: 'existing', targetId: bought.id }, [tagKey(source.doneTagId)]: { action: 'create', name: 'ステップ完了' } },
    });
    expect(cloned.statusCode).toBe(201);
    const result = cloned.json();
    expect(result).toMatchObject({ name: 'クライアント用ウェルカム', templateVersion: 1, unmapped: [] });
    const createdTag = result.created[tagKey(source.doneTagId)];
    const scenario = await api('GET', `/scenarios/${result.scenarioId}`);
    expect(scenario.publishedVersion).toBeNull();
    const draft = JSON.stringify(scenario.draft);
    expect(draft).toContain(bought.id);
    expect(draft).toContain(createdTag);
    expect(draft).not.toContain(source.purchasedTagId);
    expect(draft).not.toContain(source.doneTagId);
    // The created tag went into a folder of the template's name only when it had one (ステップ完了 had none).
    expect((await api('GET', '/catalogue')).tags.find((tag: { id: string }) => tag.id === createdTag)).toMatchObject({ name: 'ステップ完了', folderId: null });
    expect(await footprint(t, client)).toEqual({ ...before, scenarios: before.scenarios! + 1, tags: before.tags! + 1, mappings: 2, clones: 1 });
    expect((await api('POST', `/scenarios/${result.scenarioId}/publish`))).toMatchObject({ version: 1 });

    // The mapping is remembered: the next preview marks both rows remembered.
    const next = await api('POST', `/templates/${templateId}/clone-preview`, {});
    expect(next.references.every((r: { remembered: boolean }) => r.remembered)).toBe(true);
    expect(next.existingClone).toMatchObject({ scenarioId: result.scenarioId });
    const audit = (await api('GET', '/audit?action=template.clone')).entries;
    expect(audit[0]).toMatchObject({ targetId: templateId, details: { scenarioId: result.scenarioId, version: 1 } });
  });

  test('editing the clone never touches the template or the source scenario', async () => {
    const agencyApi = workspaceJson(t.app, agency);
    const clientApi = workspaceJson(t.app, client);
    const templateBefore = await agencyApi('GET', `/templates/${templateId}/versions/1`);
    const sourceBefore = await agencyApi('GET', `/scenarios/${source.scenarioId}`);
    const result = await clientApi('POST', `/templates/${templateId}/clone`, {
      name: '編集する複製', mapping: { [tagKey(source.purchasedTagId)]: { action: 'create', name: '購入済み2' }, [tagKey(source.doneTagId)]: { action: 'create', name: '完了2' } },
    });
    const clone = await clientApi('GET', `/scenarios/${result.scenarioId}`);
    const edited = structuredClone(clone.draft);
    edited.nodes.find((n: { id: string }) => n.id === 'welcome').data.messages = [{ type: 'text', text: 'クライアント専用の文面' }];
    edited.nodes.find((n: { id: string }) => n.id === 'next-day').data.days = 3;
    await clientApi('PUT', `/scenarios/${result.scenarioId}/draft`, { graph: edited, baseRevision: clone.draftRevision });
    await clientApi('POST', `/scenarios/${result.scenarioId}/publish`);
    expect(await agencyApi('GET', `/templates/${templateId}/versions/1`)).toEqual(templateBefore);
    const sourceAfter = await agencyApi('GET', `/scenarios/${source.scenarioId}`);
    expect(sourceAfter.draft).toEqual(sourceBefore.draft);
    expect(sourceAfter.draftRevision).toBe(sourceBefore.draftRevision);
    expect(JSON.stringify(sourceAfter)).not.toContain('クライアント専用の文面');
  });

  test('left unmapped: publishing is refused by name until the mapping is finished', async () => {
    const fresh = await newWorkspace(t, await ownerOrganization(t), 'クライアントB');
    const api = workspaceApi(t.app, fresh);
    const partial = (await api('POST', `/templates/${templateId}/clone`, { mapping: { [tagKey(source.doneTagId)]: { action: 'create' } } })).json();
    expect(partial.unmapped).toEqual([tagKey(source.purchasedTagId)]);
    const refused = await api('POST', `/scenarios/${partial.scenarioId}/publish`);
    expect([refused.statusCode, refused.json().code, refused.json().details]).toEqual([422, 'template_references_unmapped', { unmapped: [tagKey(source.purchasedTagId)] }]);
    expect((await workspaceJson(t.app, fresh)('GET', `/scenarios/${partial.scenarioId}/versions`))).toEqual([]);

    const finished = (await api('POST', `/templates/${templateId}/clone`, { scenarioId: partial.scenarioId, mapping: { [tagKey(source.purchasedTagId)]: { action: 'create' } } })).json();
    expect(finished).toMatchObject({ scenarioId: partial.scenarioId, unmapped: [] });
    expect((await api('POST', `/scenarios/${partial.scenarioId}/publish`)).statusCode).toBe(200);
    expect((await footprint(t, fresh)).scenarios).toBe(1);
  });

  test('bad mappings are refused whole and write nothing: a field of another kind, a missing target, a taken name, an unknown reference', async () => {
    const api = workspaceJson(t.app, agency);
    const fieldA = await api('POST', '/fields', { name: '会員ランク', kind: 'choice', choices: ['ゴールド', 'シルバー'] });
    const scenario = await api('POST', '/scenarios', { name: 'ランク別' });
    await api('PUT', `/scenarios/${scenario.id}/draft`, {
      baseRevision: 1,
      graph: {
        schemaVersion: 2,
        nodes: [
          { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
          { id: 'rank', type: 'branch', position: { x: 0, y: 170 }, data: { cases: [{ id: 'gold', label: 'ゴールド', condition: { kind: 'fieldChoice', fieldId: fieldA.id, anyOf: ['ゴールド'] } }] } },
        ],
        edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'rank' }],
      },
    });
    const template = await api('POST', '/templates', { scenarioId: scenario.id, name: 'ランク別' });
    const clientApi = workspaceJson(t.app, client);
    const textField = await clientApi('POST', '/fields', { name: '会員ランク', kind: 'text' });
    const fewChoices = await clientApi('POST', '/fields', { name: 'ランク', kind: 'choice', choices: ['ゴールド'] });
    const wide = await clientApi('POST', '/fields', { name: 'ステータス', kind: 'choice', choices: ['ゴールド', 'シルバー', 'ブロンズ'] });
    const preview = await clientApi('POST', `/templates/${template.id}/clone-preview`, {});
    expect(preview.references[0]).toMatchObject({ fieldKind: 'choice', choices: ['ゴールド', 'シルバー'], suggestion: { action: 'create' }, candidates: [{ id: wide.id, name: 'ステータス' }] });

    const before = await footprint(t, client);
    const key = `field:${fieldA.id}`;
    for (const [mapping, code] of [
      [{ [key]: { action: 'existing', targetId: textField.id } }, 'mapping_field_kind_mismatch'],
      [{ [key]: { action: 'existing', targetId: fewChoices.id } }, 'mapping_field_kind_mismatch'],
      [{ [key]: { action: 'existing', targetId: '00000000-0000-4000-8000-000000000000' } }, 'mapping_target_not_found'],
      [{ [key]: { action: 'create', name: '会員ランク' } }, 'mapping_name_taken'],
      [{ 'tag:nope': { action: 'create' } }, 'mapping_unknown_reference'],
    ] as const) {
      const response = await workspaceApi(t.app, client)('POST', `/templates/${template.id}/clone`, { mapping });
      expect([response.statusCode, response.json().code], JSON.stringify(mapping)).toEqual([422, code]);
      expect(response.json().message.length).toBeGreaterThan(10);
    }
    expect(await footprint(t, client)).toEqual(before);
    const ok = await workspaceApi(t.app, client)('POST', `/templates/${template.id}/clone`, { mapping: { [key]: { action: 'existing', targetId: wide.id } } });
    expect(ok.statusCode).toBe(201);
  });

  test('a viewer may preview but not clone, save or delete', async () => {
    const viewer = await addMember(t.anonymous, t.owner, t.owner, client, 'viewer');
    const api = workspaceApi(viewer, client);
    expect((await api('POST', `/templates/${templateId}/clone-preview`, {})).statusCode).toBe(200);
    for (const [method, path, body] of [
      ['POST', `/templates/${templateId}/clone`, { mapping: {} }],
      ['DELETE', `/templates/${templateId}`, undefined],
      ['POST', '/templates/starters', { starter: 'welcomeSeries' }],
    ] as const) {
      const response = await api(method, path, body);
      expect([response.statusCode, response.json().code], `${method} ${path}`).toEqual([403, 'forbidden']);
    }
  });

  test('a clone stays linked: after a new template version it reports the update with both graphs in its own ids', async () => {
    const api = workspaceJson(t.app, client);
    const clone = (await api('POST', `/templates/${templateId}/clone-preview`, {})).existingClone;
    const before = await api('GET', `/scenarios/${clone.scenarioId}/template-link`);
    expect(before).toMatchObject({ templateId, clonedVersion: 1, latestVersion: 1, updateAvailable: false, changes: { added: [], removed: [], changed: [] } });
    const agencyApi = workspaceJson(t.app, agency);
    const src = await agencyApi('GET', `/scenarios/${source.scenarioId}`);
    const graph = structuredClone(src.draft);
    graph.nodes.find((n: { id: string }) => n.id === 'coupon').data.messages = [{ type: 'text', text: '新しいクーポン' }];
    await agencyApi('PUT', `/scenarios/${source.scenarioId}/draft`, { graph, baseRevision: src.draftRevision });
    await agencyApi('POST', '/templates', { scenarioId: source.scenarioId, name: '複製用', templateId });
    const after = await api('GET', `/scenarios/${clone.scenarioId}/template-link`);
    expect(after).toMatchObject({ clonedVersion: 1, latestVersion: 2, updateAvailable: true, changes: { added: [], removed: [], changed: ['coupon'] } });
    expect(JSON.stringify(after.latestGraph)).not.toContain(source.purchasedTagId);
    const notClone = await workspaceApi(t.app, agency)('GET', `/scenarios/${source.scenarioId}/template-link`);
    expect([notClone.statusCode, notClone.json().code]).toEqual([404, 'not_a_template_clone']);
  });

  test('deleting a template leaves its clones working', async () => {
    const api = workspaceJson(t.app, agency);
    const doomed = await api('POST', '/templates', { scenarioId: source.scenarioId, name: '削除する' });
    const clientApi = workspaceJson(t.app, client);
    const clone = await clientApi('POST', `/templates/${doomed.id}/clone`, {
      mapping: Object.fromEntries((await clientApi('POST', `/templates/${doomed.id}/clone-preview`, {})).references.map((r: { key: string; suggestion: unknown }) => [r.key, r.suggestion])),
    });
    expect((await workspaceApi(t.app, agency)('DELETE', `/templates/${doomed.id}`)).statusCode).toBe(204);
    expect((await workspaceApi(t.app, agency)('GET', `/templates/${doomed.id}`)).statusCode).toBe(404);
    expect((await workspaceApi(t.app, client)('POST', `/scenarios/${clone.scenarioId}/publish`)).statusCode).toBe(200);
    expect((await api('GET', '/audit?action=template.delete')).entries[0]).toMatchObject({ targetId: doomed.id, targetLabel: '削除する' });
  });
});
