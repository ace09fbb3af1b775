import type { FastifyInstance } from 'fastify';
import { CURRENT_SCHEMA_VERSION } from '@lsb/shared';

/**
 * A workspace with one of everything, made through the API, so fuzzed requests carry real ids and
 * reach the handlers instead of stopping at "not found".
 */
export interface Fixtures {
  ids: string[];
  channelSecret: string;
  lineUserId: string;
  /** The id a path parameter should carry: `workspaceId`, `friendId`, or `id` after `/scenarios/`. */
  idFor(path: string, parameter: string): string;
}

export async function createFixtures(app: FastifyInstance, headers: Record<string, string> = {}): Promise<Fixtures> {
  const call = async <T>(method: 'POST' | 'GET', url: string, payload?: object): Promise<T> => {
    const response = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`fixture ${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };
  const byResource = new Map<string, string>();
  const workspace = await call<{ id: string }>('POST', '/api/workspaces', { name: 'Fuzz' });
  byResource.set('workspace', workspace.id);
  const ws = `/api/workspaces/${workspace.id}`;
  const channelSecret = 'f'.repeat(32);
  const channel = await call<{ id: string }>('POST', `${ws}/channels`, { name: 'Fuzz channel', lineChannelId: '2000000001', channelSecret, channelAccessToken: `token-${'f'.repeat(40)}` });
  byResource.set('channel', channel.id);
  byResource.set('tag', (await call<{ id: string }>('POST', `${ws}/tags`, { name: 'fuzz-tag' })).id);
  byResource.set('folder', (await call<{ id: string }>('POST', `${ws}/tag-folders`, { name: 'fuzz-folder' })).id);
  byResource.set('tag-folder', byResource.get('folder')!);
  byResource.set('field', (await call<{ id: string }>('POST', `${ws}/fields`, { name: 'fuzz-field', kind: 'text' })).id);
  byResource.set('link', (await call<{ id: string }>('POST', `${ws}/links`, { name: 'fuzz-link', url: 'https://example.com/fuzz' })).id);
  const graph = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'trigger', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
      { id: 'end', type: 'end', position: { x: 0, y: 160 }, data: {} },
    ],
    edges: [{ id: 'e1', source: 'trigger', sourceHandle: 'next', target: 'end' }],
  };
  const scenario = await call<{ id: string }>('POST', `${ws}/scenarios`, { name: 'fuzz-scenario', graph });
  byResource.set('scenario', scenario.id);
  const published = await call<{ id?: string; versionId?: string }>('POST', `${ws}/scenarios/${scenario.id}/publish`);
  const versionId = published.versionId ?? published.id;
  if (versionId) byResource.set('version', versionId);
  const route = await call<{ id: string }>('POST', `${ws}/inflow-routes`, { name: 'fuzz-route' }).catch(() => undefined);
  if (route) byResource.set('route', route.id);
  byResource.set('inflow-route', route?.id ?? workspace.id);
  const template = await call<{ id: string }>('POST', `${ws}/templates`, { scenarioId: scenario.id, name: 'fuzz-template' });
  byResource.set('template', template.id);
  byResource.set('template-rollout', (await call<{ id: string }>('POST', `${ws}/template-rollouts`, { templateId: template.id, targets: [{ workspaceId: workspace.id }] })).id);
  // A friend as a follow would have left it (the simulator's follow needs running workers).
  const lineUserId = `U${'f'.repeat(32)}`;
  const { rows: [friend] } = await app.pool.query<{ id: string }>(
    `insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at) values ($1, $2, $3, 'ふざ', now()) returning id`,
    [workspace.id, channel.id, lineUserId]);
  byResource.set('friend', friend!.id);
  byResource.set('token', app.clickTokens.sign({ friendId: friend!.id, runId: friend!.id }, new Date()));
  byResource.set('user', lineUserId);

  const ids = [...new Set(byResource.values())].filter((id) => /^[0-9a-f-]{36}$/.test(id));
  return {
    ids,
    channelSecret,
    lineUserId,
    idFor(path, parameter) {
      const resource = parameter === 'id'
        ? (/\/([a-z-]+)\/\{id\}/.exec(path)?.[1] ?? '').replace(/s$/, '')
        : parameter.replace(/Id$/, '');
      return byResource.get(resource) ?? workspace.id;
    },
  };
}
