import { createTranslator, welcomeSeriesScenario } from '@lsb/shared';
import type { TestApp } from '../support/app.ts';
import type { TestUser } from '../support/auth.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Calls one workspace's API as `as` (the owner by default); returns the raw response. */
export function workspaceApi(as: { inject: TestUser['inject'] }, workspaceId: string) {
  return (method: Method, path: string, payload?: unknown) =>
    as.inject({ method, url: `/api/workspaces/${workspaceId}${path}`, ...(payload === undefined ? {} : { payload: payload as object }) });
}

/** The same, answering the JSON body and failing loudly on an unexpected status. */
export function workspaceJson(as: { inject: TestUser['inject'] }, workspaceId: string) {
  const api = workspaceApi(as, workspaceId);
  return async (method: Method, path: string, payload?: unknown) => {
    const response = await api(method, path, payload);
    if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.statusCode === 204 ? null : response.json();
  };
}

export async function ownerOrganization(t: TestApp): Promise<string> {
  return (await t.app.inject({ url: '/api/auth/me' })).json().organizations[0].id;
}

export async function newWorkspace(t: TestApp, organizationId: string, name: string): Promise<string> {
  const response = await t.app.inject({ method: 'POST', url: `/api/organizations/${organizationId}/workspaces`, payload: { name } });
  if (response.statusCode !== 201) throw new Error(`workspace: ${response.statusCode} ${response.body}`);
  return response.json().id;
}

/** An agency's source workspace: tags (one in a folder), a date field, and the welcome series published. */
export async function agencyScenario(t: TestApp, workspaceId: string) {
  const api = workspaceJson(t.app, workspaceId);
  const folder = await api('POST', '/tag-folders', { name: '購買' });
  const purchasedTagId = (await api('POST', '/tags', { name: '購入済み', folderId: folder.id })).id as string;
  const doneTagId = (await api('POST', '/tags', { name: 'ステップ完了' })).id as string;
  const scenario = await api('POST', '/scenarios', { name: 'ウェルカム' });
  const graph = welcomeSeriesScenario({ t: createTranslator('ja'), purchasedTagId, doneTagId });
  await api('PUT', `/scenarios/${scenario.id}/draft`, { graph, baseRevision: 1 });
  await api('POST', `/scenarios/${scenario.id}/publish`);
  return { scenarioId: scenario.id as string, purchasedTagId, doneTagId, folderId: folder.id as string, graph };
}

/** Row counts of what a clone may write in a workspace. */
export async function footprint(t: TestApp, workspaceId: string) {
  const { rows } = await t.database.pool.query(`
    select (select count(*) from scenarios where workspace_id = $1)::int as scenarios,
           (select count(*) from scenario_versions where workspace_id = $1)::int as versions,
           (select count(*) from tags where workspace_id = $1)::int as tags,
           (select count(*) from tag_folders where workspace_id = $1)::int as folders,
           (select count(*) from fields where workspace_id = $1)::int as fields,
           (select count(*) from tracked_links where workspace_id = $1)::int as links,
           (select count(*) from inflow_routes where workspace_id = $1)::int as routes,
           (select count(*) from template_mappings where workspace_id = $1)::int as mappings,
           (select count(*) from template_clones where workspace_id = $1)::int as clones`, [workspaceId]);
  return rows[0] as Record<string, number>;
}
