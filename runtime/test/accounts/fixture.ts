import { createTranslator, welcomeSeriesScenario } from '@lsb/shared';
import { addMember, type TestUser } from '../support/auth.ts';
import type { TestApp } from '../support/app.ts';
import { settleRollouts } from '../../src/services/template-rollouts.ts';

/** One workspace filled with one of everything, made through the API, with its real ids by kind. */
export interface FilledWorkspace {
  workspaceId: string;
  organizationId: string;
  ids: Record<string, string>;
}

export async function fillWorkspace(t: TestApp, as: TestUser, workspaceId: string, organizationId: string): Promise<FilledWorkspace> {
  const api = async (method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) => {
    const response = await as.inject({ method, url: `/api/workspaces/${workspaceId}${path}`, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json();
  };
  const purchasedTagId = (await api('POST', '/tags', { name: '購入済み' })).id as string;
  const doneTagId = (await api('POST', '/tags', { name: 'ステップ完了' })).id as string;
  const folder = await api('POST', '/tag-folders', { name: 'フォルダ' });
  const field = await api('POST', '/fields', { name: '誕生日', kind: 'date' });
  const link = await api('POST', '/links', { name: 'クーポン', url: 'https://example.com/coupon' });
  const scenario = await api('POST', '/scenarios', { name: 'ウェルカム' });
  await api('PUT', `/scenarios/${scenario.id}/draft`, { graph: welcomeSeriesScenario({ t: createTranslator('ja'), purchasedTagId, doneTagId }), baseRevision: 1 });
  await api('POST', `/scenarios/${scenario.id}/publish`);
  const [version] = await api('GET', `/scenarios/${scenario.id}/versions`);
  const friend = await api('POST', '/simulator/friends', { displayName: '友だち' });
  const route = await api('POST', '/inflow-routes', { name: 'QR' });
  const [channel] = await api('GET', '/channels');
  const viewer = await addMember(t.anonymous, as, t.owner, workspaceId, 'viewer');
  const invitation = await api('POST', '/invitations', { email: `pending-${workspaceId}@example.test`, role: 'editor' });
  const token = (await api('POST', '/tokens', { name: 'script', role: 'editor' })).token;
  const segment = await api('POST', '/segments', { name: '購入者', condition: { kind: 'tag', tagId: purchasedTagId, has: true } });
  const friendJob = await api('POST', '/friends/bulk-tags', { filter: {}, add: [doneTagId], remove: [] });
  const template = await api('POST', '/templates', { scenarioId: scenario.id, name: 'ウェルカム' });
  const rollout = await api('POST', '/template-rollouts', { templateId: template.id, targets: [{ workspaceId }] });
  await settleRollouts(); // its job writes its result now, not while the test fingerprints the workspace
  return {
    workspaceId,
    organizationId,
    ids: {
      tags: purchasedTagId, 'tag-folders': folder.id, fields: field.id, links: link.id, scenarios: scenario.id, versions: version.id,
      friends: friend.id, 'inflow-routes': route.id, channels: channel.id, members: viewer.id, invitations: invitation.id, tokens: token.id,
      segments: segment.id, 'friend-jobs': friendJob.id, templates: template.id, 'template-rollouts': rollout.id,
    },
  };
}

/**
 * A path's parameters filled with one workspace's real ids: `:id` takes the kind named by the
 * segment before it. A new parameter or kind throws, so a new route must be taught here.
 */
export function fillPath(url: string, w: FilledWorkspace): string {
  const segments = url.split('/');
  return segments.map((segment, index) => {
    if (!segment.startsWith(':')) return segment;
    const name = segment.slice(1);
    if (name === 'workspaceId') return w.workspaceId;
    if (name === 'organizationId') return w.organizationId;
    if (name === 'versionId') return w.ids.versions!;
    if (name === 'friendId') return w.ids.friends!;
    if (name === 'userId') return w.ids.members!;
    if (name === 'version') return '1'; // a template's version number
    const kind = segments[index - 1]!;
    const id = name === 'id' ? w.ids[kind] : undefined;
    if (!id) throw new Error(`the isolation test does not know which id ${segment} after /${kind} is (${url}): add it to fillWorkspace`);
    return id;
  }).join('/');
}
