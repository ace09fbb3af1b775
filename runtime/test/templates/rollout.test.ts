import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { settleRollouts } from '../../src/services/template-rollouts.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { addMember, invitationTokenFor, logIn, type TestUser } from '../support/auth.ts';
import { agencyScenario, footprint, newWorkspace, ownerOrganization, workspaceApi, workspaceJson } from './support.ts';

let t: TestApp;
let agency: string;
let c1: string;
let c2: string;
let c3: string;
let foreign: string;
let person: TestUser;
let templateId: string;
let source: Awaited<ReturnType<typeof agencyScenario>>;

/** The person joins a workspace with a role, accepting the invitation while logged in. */
async function join(workspaceId: string, role: 'editor' | 'viewer') {
  const invited = await t.app.inject({ method: 'POST', url: `/api/workspaces/${workspaceId}/invitations`, payload: { email: person.email, role } });
  expect(invited.statusCode).toBe(201);
  const token = await invitationTokenFor(t.owner, person.email);
  const accepted = await person.inject({ method: 'POST', url: '/api/invitations/accept', payload: { token } });
  expect(accepted.statusCode).toBe(200);
  person = await logIn(t.anonymous, person.email); // accepting renewed the session
}

beforeAll(async () => {
  t = await createTestApp();
  const org = await ownerOrganization(t);
  agency = await newWorkspace(t, org, '代理店');
  c1 = await newWorkspace(t, org, 'クライアント1');
  c2 = await newWorkspace(t, org, 'クライアント2');
  c3 = await newWorkspace(t, org, 'クライアント3');
  const otherOrg = (await t.app.inject({ method: 'POST', url: '/api/organizations', payload: { name: '他社' } })).json().id;
  foreign = await newWorkspace(t, otherOrg, '他社の店');
  source = await agencyScenario(t, agency);
  templateId = (await workspaceJson(t.app, agency)('POST', '/templates', { scenarioId: source.scenarioId, name: 'ウェルカム' })).id;
  person = await addMember(t.anonymous, t.owner, t.owner, agency, 'editor');
  await join(c1, 'editor');
  await join(c2, 'editor');
  await join(c3, 'viewer');
}, 180_000);
afterAll(() => t?.close());

const tag = (id: string) => `tag:${id}`;
const rollouts = () => workspaceApi(person, agency);
async function finished(id: string) {
  await settleRollouts();
  return (await rollouts()('GET', `/template-rollouts/${id}`)).json();
}
type Target = { workspaceId: string; scenarioId: string; error: { message: string } };
const target = (rollout: { targets: Target[] }, workspaceId: string) => rollout.targets.find((x) => x.workspaceId === workspaceId)!;

describe('roll-out to many workspaces', () => {
  let c1Scenario: string;

  test('version 1 to four workspaces: two succeed, one the person may not edit and one outside the organization fail with reasons and nothing written', async () => {
    const bought = await workspaceJson(t.app, c1)('POST', '/tags', { name: '購入済み' });
    const create = { [tag(source.purchasedTagId)]: { action: 'create' }, [tag(source.doneTagId)]: { action: 'create' } };
    const c3Before = await footprint(t, c3);
    const started = await rollouts()('POST', '/template-rollouts', {
      templateId, version: 1,
      targets: [
        { workspaceId: c1, mapping: { [tag(source.purchasedTagId)]: { action: 'existing', targetId: bought.id }, [tag(source.doneTagId)]: { action: 'create' } } },
        { workspaceId: c2, mapping: create },
        { workspaceId: c3, mapping: create },
        { workspaceId: foreign, mapping: create },
      ],
    });
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ templateName: 'ウェルカム', version: 1, total: 4 });
    const rollout = await finished(started.json().id);
    expect(rollout).toMatchObject({ status: 'done', processed: 4 });
    expect(target(rollout, c1)).toMatchObject({ workspaceName: 'クライアント1', status: 'succeeded', publishedVersion: 1, updatedExisting: false, error: null, attempts: 1 });
    expect(target(rollout, c2)).toMatchObject({ status: 'succeeded', publishedVersion: 1 });
    expect(target(rollout, c3)).toMatchObject({ status: 'failed', error: { code: 'rollout_forbidden' }, scenarioId: null });
    expect(target(rollout, foreign)).toMatchObject({ status: 'failed', error: { code: 'rollout_workspace_not_found' } });
    expect(target(rollout, c3).error.message.length).toBeGreaterThan(10);
    expect(await footprint(t, c3)).toEqual(c3Before);
    expect((await footprint(t, foreign)).scenarios).toBe(0);
    c1Scenario = target(rollout, c1).scenarioId;
    const scenario = await workspaceJson(t.app, c1)('GET', `/scenarios/${c1Scenario}`);
    expect(scenario).toMatchObject({ name: 'ウェルカム', publishedVersion: 1 });
    expect(JSON.stringify(scenario.draft)).toContain(bought.id);
    const audit = (await workspaceJson(t.app, c1)('GET', '/audit?action=template.rollout')).entries;
    expect(audit[0]).toMatchObject({ targetId: templateId, details: { rolloutId: rollout.id, scenarioId: c1Scenario, publishedVersion: 1 } });
    expect((await rollouts()('GET', '/template-rollouts')).json()[0].id).toBe(rollout.id);
  });

  test('version 2 with a new tag: only the new reference asks to be mapped; retry updates the same scenario in place with its impact summary', async () => {
    const agencyApi = workspaceJson(t.app, agency);
    const vip = await agencyApi('POST', '/tags', { name: 'VIP' });
    const src = await agencyApi('GET', `/scenarios/${source.scenarioId}`);
    const graph = structuredClone(src.draft);
    graph.nodes.find((n: { id: string }) => n.id === 'done').data.add = [source.doneTagId, vip.id];
    await agencyApi('PUT', `/scenarios/${source.scenarioId}/draft`, { graph, baseRevision: src.draftRevision });
    await agencyApi('POST', '/templates', { scenarioId: source.scenarioId, name: 'ウェルカム', templateId });

    // The roll-out preview of a target: remembered rows need no answer, the new one does.
    const preview = await workspaceJson(person, c1)('POST', `/templates/${templateId}/clone-preview`, {});
    expect(preview.references.filter((r: { remembered: boolean }) => !r.remembered).map((r: { key: string }) => r.key)).toEqual([tag(vip.id)]);
    expect(preview.existingClone).toMatchObject({ scenarioId: c1Scenario, templateVersion: 1 });

    const c1Before = await footprint(t, c1);
    const started = (await rollouts()('POST', '/template-rollouts', { templateId, targets: [{ workspaceId: c1 }, { workspaceId: c2 }] })).json();
    expect(started.version).toBe(2);
    let rollout = await finished(started.id);
    for (const ws of [c1, c2]) {
      expect(target(rollout, ws)).toMatchObject({ status: 'failed', error: { code: 'template_references_unmapped', details: { unmapped: [tag(vip.id)] } } });
    }
    expect(await footprint(t, c1)).toEqual(c1Before);

    const retried = await rollouts()('POST', `/template-rollouts/${started.id}/retry`, { targets: [{ workspaceId: c1, mapping: { [tag(vip.id)]: { action: 'create' } } }] });
    expect(retried.statusCode).toBe(202);
    rollout = await finished(started.id);
    expect(target(rollout, c1)).toMatchObject({
      status: 'succeeded', scenarioId: c1Scenario, publishedVersion: 2, updatedExisting: true, attempts: 2,
      impact: { fromVersion: 1, changes: { changed: ['done'] }, midRun: [] },
    });
    expect(target(rollout, c2)).toMatchObject({ status: 'failed', attempts: 1 }); // not retried this time
    const after = await footprint(t, c1);
    expect(after).toMatchObject({ scenarios: c1Before.scenarios, versions: c1Before.versions! + 1, tags: c1Before.tags! + 1 });
    const versions = await workspaceJson(t.app, c1)('GET', `/scenarios/${c1Scenario}/versions`);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);

    await rollouts()('POST', `/template-rollouts/${started.id}/retry`, { targets: [{ workspaceId: c2, mapping: { [tag(vip.id)]: { action: 'create' } } }] });
    rollout = await finished(started.id);
    expect(target(rollout, c2)).toMatchObject({ status: 'succeeded', publishedVersion: 2, updatedExisting: true });
    expect(rollout.status).toBe('done');
  });

  test('cancelling stops before the next workspace; a cancelled target can be retried', async () => {
    // Hold the first target at its first look at the mapping table, so the cancel arrives mid-roll-out.
    const lock = await t.database.pool.connect();
    await lock.query('begin');
    await lock.query('lock table template_mappings in access exclusive mode');
    const started = (await rollouts()('POST', '/template-rollouts', { templateId, targets: [{ workspaceId: c1 }, { workspaceId: c2 }] })).json();
    for (let round = 0; round < 500; round++) {
      const { rows } = await t.database.pool.query("select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query ilike '%template_mappings%'");
      if (rows[0].n > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    const cancelled = await rollouts()('POST', `/template-rollouts/${started.id}/cancel`);
    expect(cancelled.json()).toMatchObject({ cancelRequested: true, status: 'running' });
    await lock.query('commit');
    lock.release();
    let rollout = await finished(started.id);
    expect(rollout).toMatchObject({ status: 'cancelled', processed: 2 });
    expect(target(rollout, c1)).toMatchObject({ status: 'succeeded', publishedVersion: 3 });
    expect(target(rollout, c2)).toMatchObject({ status: 'cancelled', error: { code: 'rollout_cancelled' } });
    const running = await rollouts()('POST', `/template-rollouts/${started.id}/retry`, {});
    expect(running.statusCode).toBe(202);
    rollout = await finished(started.id);
    expect(rollout).toMatchObject({ status: 'done' });
    expect(target(rollout, c2)).toMatchObject({ status: 'succeeded', publishedVersion: 3 });
  });

  test('a roll-out left running by a process that died can be retried or cancelled once its beat is old', async () => {
    const started = (await rollouts()('POST', '/template-rollouts', { templateId, targets: [{ workspaceId: c1 }, { workspaceId: c2 }] })).json();
    await finished(started.id);
    // As a SIGKILL would leave it: running, its second target never reached.
    const leave = async (age: string) => {
      await t.database.pool.query(`update template_rollouts set status = 'running', finished_at = null, cancel_requested = false, heartbeat_at = heartbeat_at - $2::interval where id = $1`, [started.id, age]);
      await t.database.pool.query(`update template_rollout_targets set status = 'pending', error = null where rollout_id = $1 and target_workspace_id = $2`, [started.id, c2]);
    };
    await leave('0 seconds');
    const live = await rollouts()('POST', `/template-rollouts/${started.id}/retry`, {});
    expect([live.statusCode, live.json().code]).toEqual([409, 'rollout_running']);
    await leave('1 hour');
    expect((await rollouts()('POST', `/template-rollouts/${started.id}/retry`, {})).statusCode).toBe(202);
    let rollout = await finished(started.id);
    expect(rollout.status).toBe('done');
    expect(target(rollout, c2)).toMatchObject({ status: 'succeeded' });
    await leave('1 hour');
    rollout = (await rollouts()('POST', `/template-rollouts/${started.id}/cancel`)).json();
    expect(rollout).toMatchObject({ status: 'cancelled', processed: 2 });
    expect(target(rollout, c2)).toMatchObject({ status: 'cancelled', error: { code: 'rollout_cancelled' } });
  });

  test('unknown roll-outs and templates are 404; a viewer of the starting workspace cannot start one', async () => {
    expect((await rollouts()('GET', '/template-rollouts/00000000-0000-4000-8000-000000000000')).json().code).toBe('rollout_not_found');
    const missing = await rollouts()('POST', '/template-rollouts', { templateId: '00000000-0000-4000-8000-000000000000', targets: [{ workspaceId: c1 }] });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'template_not_found']);
    const viewer = await addMember(t.anonymous, t.owner, t.owner, agency, 'viewer');
    const refused = await workspaceApi(viewer, agency)('POST', '/template-rollouts', { templateId, targets: [{ workspaceId: c1 }] });
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'forbidden']);
  });
});
