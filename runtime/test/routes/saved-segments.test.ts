import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, newUserId, rows, type Workspace } from '../webhook/harness.ts';

// Saved segments: live counts, references between segments (cycles refused), use from the friends
// filter and enrolment, and publishing that freezes a branch's segment as it was at publish.

let t: TestApp;
let ws: Workspace;
let vip: string;
let spend: string;

const inject = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, payload?: object) =>
  t.app.inject({ method, url: `/api/workspaces/${ws.id}${path}`, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
  vip = (await ws.api('POST', '/tags', { name: 'VIP' })).id;
  spend = (await ws.api('POST', '/fields', { name: '購入金額', kind: 'number' })).id;
  for (const [i, name] of ['佐藤', '鈴木', '高橋', '田中'].entries()) {
    const [friend] = await rows<{ id: string }>(t, `
      insert into friends (workspace_id, channel_id, line_user_id, display_name, fields, registered_at)
      values ($1, $2, $3, $4, $5, now() - ($6 || ' minutes')::interval) returning id`,
    [ws.id, ws.channelId, newUserId(), name, JSON.stringify({ [spend]: i * 5000 }), i]);
    if (i % 2 === 0) await ws.api('POST', `/friends/${friend!.id}/tags`, { add: [vip] });
  }
});
afterAll(() => t.close());

const vipCondition = () => ({ kind: 'tag', tagId: vip, has: true });

describe('saved segments', () => {
  let vipSegment: string;
  let richVip: string;

  test('are listed with their live count, and a segment can include another', async () => {
    vipSegment = (await ws.api('POST', '/segments', { name: 'VIP', condition: vipCondition() })).id;
    richVip = (await ws.api('POST', '/segments', {
      name: 'VIPで1万円以上',
      condition: { kind: 'and', conditions: [{ kind: 'segment', segmentId: vipSegment }, { kind: 'fieldNumber', fieldId: spend, op: 'gte', value: 10000 }] },
    })).id;
    const list = await ws.api('GET', '/segments');
    expect(list.segments.map((s: { name: string; count: number }) => [s.name, s.count])).toEqual([['VIP', 2], ['VIPで1万円以上', 1]]);
    // The friends page filters by a saved segment and by ad-hoc conditions naming one.
    expect(await ws.api('POST', '/friends/count', { filter: { segmentId: richVip } })).toEqual({ count: 1 });
    expect(await ws.api('POST', '/friends/count', { filter: { condition: { kind: 'not', condition: { kind: 'segment', segmentId: vipSegment } } } })).toEqual({ count: 2 });
    const page = await ws.api('POST', '/friends/query', { filter: { segmentId: vipSegment } });
    expect(page.friends.map((f: { displayName: string }) => f.displayName)).toEqual(['佐藤', '高橋']);
  });

  test('a segment that would include itself is refused with the chain named', async () => {
    const response = await inject('PUT', `/segments/${vipSegment}`, { name: 'VIP', condition: { kind: 'or', conditions: [vipCondition(), { kind: 'segment', segmentId: richVip }] } });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ code: 'segment_cycle', details: { cycle: ['VIP', 'VIPで1万円以上', 'VIP'] } });
    const unknown = await inject('POST', '/segments', { name: 'x', condition: { kind: 'segment', segmentId: '00000000-0000-4000-8000-000000000000' } });
    expect(unknown.json()).toMatchObject({ code: 'unknown_segment' });
    expect((await inject('POST', '/segments', { name: 'VIP', condition: vipCondition() })).json()).toMatchObject({ code: 'segment_name_taken' });
  });

  test('a segment in use by another cannot be deleted; an unused one can', async () => {
    const refused = await inject('DELETE', `/segments/${vipSegment}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'segment_in_use', details: { segments: ['VIPで1万円以上'] } });
    const spare = (await ws.api('POST', '/segments', { name: 'spare', condition: { kind: 'and', conditions: [] } })).id;
    expect((await inject('DELETE', `/segments/${spare}`)).statusCode).toBe(204);
    expect((await inject('GET', `/segments/${spare}`)).statusCode).toBe(404);
  });

  test('a published branch keeps the segment as it was at publish; the draft and counts follow it now', async () => {
    const graph: FlowGraph = {
      schemaVersion: CURRENT_SCHEMA_VERSION,
      nodes: [
        { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'everyTime' } },
        { id: 'b', type: 'branch', position: { x: 0, y: 100 }, data: { cases: [{ id: 'c1', label: 'VIP', condition: { kind: 'segment', segmentId: vipSegment } }] } },
        { id: 'yes', type: 'end', position: { x: 0, y: 200 }, data: {} },
        { id: 'no', type: 'end', position: { x: 200, y: 200 }, data: {} },
      ],
      edges: [
        { id: 'e1', source: 't', sourceHandle: 'next', target: 'b' },
        { id: 'e2', source: 'b', sourceHandle: 'c1', target: 'yes' },
        { id: 'e3', source: 'b', sourceHandle: 'else', target: 'no' },
      ],
    };
    const scenario = await ws.api('POST', '/scenarios', { name: 'branch on segment', graph });
    const published = await ws.api('POST', `/scenarios/${scenario.id}/publish`);
    await ws.api('PUT', `/segments/${vipSegment}`, { name: 'VIP', condition: { kind: 'tag', tagId: vip, has: false } });
    const [version] = await rows<{ graph: FlowGraph }>(t, 'select graph from scenario_versions where id = $1', [published.versionId]);
    const branch = version!.graph.nodes.find((n) => n.id === 'b') as { data: { cases: { condition: unknown }[] } };
    expect(branch.data.cases[0]!.condition).toEqual({ kind: 'segment', segmentId: vipSegment, frozen: vipCondition() });
    expect(await ws.api('POST', '/segments/count', { condition: { kind: 'segment', segmentId: vipSegment } })).toEqual({ count: 2 });
    const segment = await ws.api('GET', `/segments/${vipSegment}`);
    expect(segment.usedBy).toEqual([{ scenarioId: scenario.id, name: 'branch on segment' }]);
    // A draft naming a segment that does not exist cannot be published.
    const bad = await ws.api('POST', '/scenarios', { name: 'bad', graph: { ...graph, nodes: graph.nodes.map((n) => (n.id === 'b' ? { ...n, data: { cases: [{ id: 'c1', label: 'x', condition: { kind: 'segment', segmentId: '00000000-0000-4000-8000-000000000000' } }] } } : n)) } });
    const refused = await inject('POST', `/scenarios/${bad.id}/publish`);
    expect(refused.statusCode).toBe(422);
    expect(JSON.stringify(refused.json())).toContain('unknownSegment');
  });
});

describe('field kinds', () => {
  test('changing a kind while friends hold values is refused with the count; an empty field changes', async () => {
    const refused = await inject('PATCH', `/fields/${spend}`, { kind: 'text' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'field_has_values', details: { count: 4, from: 'number', to: 'text' } });
    const empty = (await ws.api('POST', '/fields', { name: '誕生日', kind: 'text' })).id;
    const changed = await inject('PATCH', `/fields/${empty}`, { kind: 'date' });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ kind: 'date' });
  });
});
