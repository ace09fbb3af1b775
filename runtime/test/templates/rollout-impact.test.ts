import { afterAll, beforeAll, expect, test } from 'vitest';
import { settleRollouts } from '../../src/services/template-rollouts.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { agencyScenario, newWorkspace, ownerOrganization, workspaceJson } from './support.ts';

let t: TestApp;

beforeAll(async () => { t = await createTestApp({ workers: true }); }, 120_000);
afterAll(() => t?.close());

test('rolling a new version onto a live clone reports who is mid-run where, and they stay on their version', async () => {
  const org = await ownerOrganization(t);
  const agency = await newWorkspace(t, org, '代理店');
  const client = await newWorkspace(t, org, 'クライアント');
  const source = await agencyScenario(t, agency);
  const agencyApi = workspaceJson(t.app, agency);
  const clientApi = workspaceJson(t.app, client);
  const template = await agencyApi('POST', '/templates', { scenarioId: source.scenarioId, name: 'ウェルカム' });
  const mapping = { [`tag:${source.purchasedTagId}`]: { action: 'create' }, [`tag:${source.doneTagId}`]: { action: 'create' } };
  const first = await agencyApi('POST', '/template-rollouts', { templateId: template.id, targets: [{ workspaceId: client, mapping }] });
  await settleRollouts();
  const scenarioId = (await agencyApi('GET', `/template-rollouts/${first.id}`)).targets[0].scenarioId;

  // A virtual friend of the client follows and waits at 「1日後の10:00」.
  await clientApi('POST', '/simulator/friends', { displayName: 'みほ' });
  await waitFor(t.clock, async () => (await clientApi('GET', `/scenarios/${scenarioId}/stats`)).nodes['next-day']?.waiting === 1);

  const src = await agencyApi('GET', `/scenarios/${source.scenarioId}`);
  const graph = structuredClone(src.draft);
  graph.nodes.find((n: { id: string }) => n.id === 'coupon').data.messages = [{ type: 'text', text: '新クーポン' }];
  await agencyApi('PUT', `/scenarios/${source.scenarioId}/draft`, { graph, baseRevision: src.draftRevision });
  await agencyApi('POST', '/templates', { scenarioId: source.scenarioId, name: 'ウェルカム', templateId: template.id });
  const second = await agencyApi('POST', '/template-rollouts', { templateId: template.id, targets: [{ workspaceId: client }] });
  await settleRollouts();
  const result = (await agencyApi('GET', `/template-rollouts/${second.id}`)).targets[0];
  expect(result).toMatchObject({
    status: 'succeeded', scenarioId, publishedVersion: 2, updatedExisting: true,
    impact: { fromVersion: 1, changes: { added: [], removed: [], changed: ['coupon'] }, midRun: [{ nodeId: 'next-day', count: 1 }] },
  });
  expect((await clientApi('GET', '/scenarios')).filter((s: { id: string }) => s.id === scenarioId)).toHaveLength(1);
  const { rows } = await t.database.pool.query('select sv.version from runs r join scenario_versions sv on sv.id = r.version_id where r.scenario_id = $1', [scenarioId]);
  expect(rows).toEqual([{ version: 1 }]);
}, 120_000);
