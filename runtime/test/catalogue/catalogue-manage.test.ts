import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTranslator, welcomeSeriesScenario } from '@lsb/shared';
import { createTestApp, type TestApp } from '../support/app.ts';

// タグ管理 / 友だち情報欄 / リンク: rename, move, merge and delete with usage, on real PostgreSQL.

let t: TestApp;
let ws: string;
let otherWs: string;
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/workspaces/${ws}${url}`, ...(payload ? { payload } : {}) });
const ok = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT', url: string, payload?: object) => {
  const response = await call(method, url, payload);
  if (response.statusCode >= 400) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.statusCode === 204 ? null : response.json();
};
const catalogue = () => ok('GET', '/catalogue');

async function addFriend(workspaceId: string, name: string): Promise<string> {
  const channels = (await t.app.inject({ method: 'GET', url: `/api/workspaces/${workspaceId}/channels` })).json();
  const { rows } = await t.database.pool.query(
    `insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
     values ($1, $2, $3, $4, now()) returning id`,
    [workspaceId, channels[0].id, `U${Math.random().toString(16).slice(2).padEnd(32, '0')}`, name],
  );
  return rows[0].id;
}
const tagFriend = (friendId: string, tagId: string) =>
  ok('POST', `/friends/${friendId}/tags`, { add: [tagId] });

beforeAll(async () => {
  t = await createTestApp();
  ws = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Catalogue' } })).json().id;
  otherWs = (await t.app.inject({ method: 'POST', url: '/api/workspaces', payload: { name: 'Other' } })).json().id;
});
afterAll(() => t.close());

describe('tags in folders', () => {
  test('a tag is renamed, moved into a folder and out again; the folder is renamed and deleted (its tags stay)', async () => {
    const folder = await ok('POST', '/tag-folders', { name: '購買' });
    const tag = await ok('POST', '/tags', { name: '見込み' });
    expect(await ok('PATCH', `/tags/${tag.id}`, { name: '見込み客', folderId: folder.id })).toEqual({ id: tag.id, name: '見込み客', folderId: folder.id });
    expect(await ok('PATCH', `/tag-folders/${folder.id}`, { name: '購買状況' })).toEqual({ id: folder.id, name: '購買状況' });
    await ok('DELETE', `/tag-folders/${folder.id}`);
    const after = await catalogue();
    expect(after.tagFolders.find((f: { id: string }) => f.id === folder.id)).toBeUndefined();
    expect(after.tags.find((x: { id: string }) => x.id === tag.id)).toEqual({ id: tag.id, name: '見込み客', folderId: null });
  });

  test('renaming to a taken name, an unknown folder, or an empty body is refused and changes nothing', async () => {
    const a = await ok('POST', '/tags', { name: 'A-taken' });
    const b = await ok('POST', '/tags', { name: 'B-free' });
    const taken = await call('PATCH', `/tags/${b.id}`, { name: 'A-taken' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('tag_exists');
    const folder = await call('PATCH', `/tags/${b.id}`, { folderId: UNKNOWN });
    expect([folder.statusCode, folder.json().code]).toEqual([404, 'tag_folder_not_found']);
    expect((await call('PATCH', `/tags/${b.id}`, {})).statusCode).toBe(400);
    expect((await catalogue()).tags.filter((x: { id: string }) => [a.id, b.id].includes(x.id)).map((x: { name: string }) => x.name)).toEqual(['A-taken', 'B-free']);
  });

  test('usage counts friends, drafts and live published versions; delete needs force, and is refused while published', async () => {
    const purchased = await ok('POST', '/tags', { name: '購入済み' });
    const done = await ok('POST', '/tags', { name: 'ステップ完了' });
    const friendId = await addFriend(ws, '佐藤');
    await tagFriend(friendId, purchased.id);
    const scenario = await ok('POST', '/scenarios', { name: 'ウェルカム', graph: welcomeSeriesScenario({ t: createTranslator('ja'), purchasedTagId: purchased.id, doneTagId: done.id }) });
    expect(await ok('GET', `/tags/${purchased.id}/usage`)).toEqual({ friends: 1, drafts: [{ id: scenario.id, name: 'ウェルカム' }], published: [] });

    const unconfirmed = await call('DELETE', `/tags/${purchased.id}`);
    expect(unconfirmed.statusCode).toBe(409);
    expect(unconfirmed.json()).toMatchObject({ code: 'tag_in_use', details: { friends: 1 } });

    await ok('POST', `/scenarios/${scenario.id}/publish`);
    expect((await ok('GET', `/tags/${purchased.id}/usage`)).published).toEqual([{ id: scenario.id, name: 'ウェルカム' }]);
    const published = await call('DELETE', `/tags/${purchased.id}?force=true`);
    expect(published.statusCode).toBe(409);
    expect(published.json().code).toBe('tag_in_published_scenario');
    expect((await catalogue()).tags.some((x: { id: string }) => x.id === purchased.id)).toBe(true);
    expect((await ok('GET', `/friends/${friendId}`)).tagIds).toEqual([purchased.id]);

    const unusedByScenario = await ok('POST', '/tags', { name: '一時' });
    await tagFriend(friendId, unusedByScenario.id);
    await ok('DELETE', `/tags/${unusedByScenario.id}?force=true`);
    expect((await ok('GET', `/friends/${friendId}`)).tagIds).toEqual([purchased.id]);
  });

  test('merging moves friends to the other tag, rewrites drafts without duplicates, and deletes the tag', async () => {
    const from = await ok('POST', '/tags', { name: 'VIP候補' });
    const into = await ok('POST', '/tags', { name: 'VIP' });
    const both = await addFriend(ws, '両方');
    const onlyFrom = await addFriend(ws, '片方');
    await tagFriend(both, from.id);
    await tagFriend(both, into.id);
    await tagFriend(onlyFrom, from.id);
    const graph = {
      schemaVersion: 1,
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'tagAdded', tagId: from.id }, reentry: 'firstTimeOnly' } },
        { id: 'g', type: 'tag', position: { x: 0, y: 100 }, data: { add: [from.id, into.id], remove: [] } },
      ],
      edges: [{ id: 'e', source: 't', sourceHandle: 'next', target: 'g' }],
    };
    const scenario = await ok('POST', '/scenarios', { name: 'マージ対象', graph });
    const before = await ok('GET', `/scenarios/${scenario.id}`);

    expect(await ok('POST', `/tags/${from.id}/merge`, { intoTagId: into.id })).toEqual({ id: into.id, name: 'VIP', folderId: null });
    expect((await ok('GET', `/friends/${both}`)).tagIds).toEqual([into.id]);
    expect((await ok('GET', `/friends/${onlyFrom}`)).tagIds).toEqual([into.id]);
    const after = await ok('GET', `/scenarios/${scenario.id}`);
    expect(after.draftRevision).toBe(before.draftRevision + 1);
    expect(after.draft.nodes[0].data.trigger.tagId).toBe(into.id);
    expect(after.draft.nodes[1].data.add).toEqual([into.id]);
    expect((await catalogue()).tags.some((x: { id: string }) => x.id === from.id)).toBe(false);
  });

  test('merging into itself, into an unknown tag or another workspace\'s tag is refused and changes nothing', async () => {
    const tag = await ok('POST', '/tags', { name: '単独' });
    const friendId = await addFriend(ws, '単独さん');
    await tagFriend(friendId, tag.id);
    const foreign = (await t.app.inject({ method: 'POST', url: `/api/workspaces/${otherWs}/tags`, payload: { name: 'よそ' } })).json();
    expect((await call('POST', `/tags/${tag.id}/merge`, { intoTagId: tag.id })).json().code).toBe('merge_into_itself');
    for (const intoTagId of [UNKNOWN, foreign.id]) {
      const response = await call('POST', `/tags/${tag.id}/merge`, { intoTagId });
      expect([response.statusCode, response.json().code]).toEqual([404, 'tag_not_found']);
    }
    expect((await ok('GET', `/friends/${friendId}`)).tagIds).toEqual([tag.id]);
  });

  test('another workspace\'s tag, field, link or folder is a 404 on every route and stays as it was', async () => {
    const other = (path: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/workspaces/${otherWs}${path}`, payload }).then((r) => r.json());
    const tag = await other('/tags', { name: 'よその' });
    const folder = await other('/tag-folders', { name: 'よそのフォルダ' });
    const field = await other('/fields', { name: 'よその欄', kind: 'text' });
    const link = await other('/links', { name: 'よそのリンク', url: 'https://example.com' });
    const attempts: Array<[Parameters<typeof call>[0], string, object?]> = [
      ['GET', `/tags/${tag.id}/usage`], ['PATCH', `/tags/${tag.id}`, { name: 'x' }], ['DELETE', `/tags/${tag.id}?force=true`],
      ['POST', `/tags/${tag.id}/merge`, { intoTagId: tag.id === UNKNOWN ? tag.id : UNKNOWN }],
      ['PATCH', `/tag-folders/${folder.id}`, { name: 'x' }], ['DELETE', `/tag-folders/${folder.id}`],
      ['GET', `/fields/${field.id}/usage`], ['PATCH', `/fields/${field.id}`, { name: 'x' }], ['DELETE', `/fields/${field.id}?force=true`],
      ['GET', `/links/${link.id}/usage`], ['PATCH', `/links/${link.id}`, { name: 'x' }], ['DELETE', `/links/${link.id}?force=true`],
    ];
    for (const [method, path, payload] of attempts) {
      const response = await call(method, path, payload);
      expect(response.statusCode, `${method} ${path}`).toBe(404);
    }
    const theirs = (await t.app.inject({ method: 'GET', url: `/api/workspaces/${otherWs}/catalogue` })).json();
    expect(theirs.tags.find((x: { id: string }) => x.id === tag.id).name).toBe('よその');
    expect(theirs.tagFolders.find((x: { id: string }) => x.id === folder.id).name).toBe('よそのフォルダ');
    expect(theirs.fields.find((x: { id: string }) => x.id === field.id).name).toBe('よその欄');
    expect(theirs.links.find((x: { id: string }) => x.id === link.id).name).toBe('よそのリンク');
  });
});

describe('fields', () => {
  test('a choice field\'s choices are edited; a text field has none; duplicates are refused', async () => {
    const plan = await ok('POST', '/fields', { name: 'プラン', kind: 'choice', choices: ['松', '竹'] });
    expect(await ok('PATCH', `/fields/${plan.id}`, { name: 'ご契約プラン', choices: ['松', '竹', '梅'] }))
      .toEqual({ id: plan.id, name: 'ご契約プラン', kind: 'choice', choices: ['松', '竹', '梅'] });
    const memo = await ok('POST', '/fields', { name: 'メモ', kind: 'text' });
    expect((await call('PATCH', `/fields/${memo.id}`, { choices: ['a'] })).json().code).toBe('field_not_choice');
    expect((await call('PATCH', `/fields/${plan.id}`, { choices: ['a', 'a'] })).json().code).toBe('duplicate_choice');
    expect((await catalogue()).fields.find((f: { id: string }) => f.id === plan.id).choices).toEqual(['松', '竹', '梅']);
    // No friend holds a value yet, so the kind may change; leaving 'choice' drops the choices.
    expect(await ok('PATCH', `/fields/${plan.id}`, { kind: 'text' })).toEqual({ id: plan.id, name: 'ご契約プラン', kind: 'text', choices: [] });
    expect((await call('PATCH', `/fields/${plan.id}`, { kind: 'colour' })).statusCode).toBe(400);
  });

  test('an unused field is deleted at once; a used one needs force and takes friends\' values with it', async () => {
    const unused = await ok('POST', '/fields', { name: '未使用', kind: 'number' });
    expect(await ok('GET', `/fields/${unused.id}/usage`)).toEqual({ friends: 0, drafts: [], published: [] });
    await ok('DELETE', `/fields/${unused.id}`);

    const date = await ok('POST', '/fields', { name: '来店日', kind: 'date' });
    const friendId = await addFriend(ws, '来店さん');
    await ok('PUT', `/friends/${friendId}/fields`, { values: { [date.id]: '2026-12-10' } });
    const refused = await call('DELETE', `/fields/${date.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'field_in_use', details: { friends: 1, drafts: [], published: [] } });
    expect((await ok('GET', `/friends/${friendId}`)).fields).toEqual({ [date.id]: '2026-12-10' });
    await ok('DELETE', `/fields/${date.id}?force=true`);
    expect((await ok('GET', `/friends/${friendId}`)).fields).toEqual({});
  });

  test('a field a published scenario writes to cannot be deleted, even with force; its values stay', async () => {
    const rank = await ok('POST', '/fields', { name: '会員ランク', kind: 'text' });
    const friendId = await addFriend(ws, 'ランクさん');
    await ok('PUT', `/friends/${friendId}/fields`, { values: { [rank.id]: 'gold' } });
    const graph = {
      schemaVersion: 1,
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
        { id: 's', type: 'setField', position: { x: 0, y: 100 }, data: { op: 'set', fieldId: rank.id, value: 'silver' } },
        { id: 'e', type: 'end', position: { x: 0, y: 200 }, data: {} },
      ],
      edges: [{ id: 'e1', source: 't', sourceHandle: 'next', target: 's' }, { id: 'e2', source: 's', sourceHandle: 'next', target: 'e' }],
    };
    const scenario = await ok('POST', '/scenarios', { name: 'ランク付け', graph });
    await ok('POST', `/scenarios/${scenario.id}/publish`);
    expect(await ok('GET', `/fields/${rank.id}/usage`)).toEqual({
      friends: 1, drafts: [{ id: scenario.id, name: 'ランク付け' }], published: [{ id: scenario.id, name: 'ランク付け' }],
    });
    const refused = await call('DELETE', `/fields/${rank.id}?force=true`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'field_in_published_scenario', details: { published: [{ name: 'ランク付け' }] } });
    expect((await catalogue()).fields.some((f: { id: string }) => f.id === rank.id)).toBe(true);
    expect((await ok('GET', `/friends/${friendId}`)).fields).toEqual({ [rank.id]: 'gold' });

    // Archived, nothing can act on it any more: the field may go.
    await ok('POST', `/scenarios/${scenario.id}/archive`);
    await ok('DELETE', `/fields/${rank.id}?force=true`);
    expect((await ok('GET', `/friends/${friendId}`)).fields).toEqual({});
  });
});

describe('links', () => {
  test('a link is renamed and re-pointed, then deleted; a bad URL is refused', async () => {
    const link = await ok('POST', '/links', { name: 'LP', url: 'https://example.com/lp' });
    expect(await ok('PATCH', `/links/${link.id}`, { name: 'LP（春）', url: 'https://example.com/spring' }))
      .toEqual({ id: link.id, name: 'LP（春）', url: 'https://example.com/spring' });
    expect((await call('PATCH', `/links/${link.id}`, { url: 'javascript:alert(1)' })).statusCode).toBe(400);
    expect((await catalogue()).links.find((l: { id: string }) => l.id === link.id).url).toBe('https://example.com/spring');
    await ok('DELETE', `/links/${link.id}`);
    expect((await catalogue()).links.some((l: { id: string }) => l.id === link.id)).toBe(false);
  });
});
