import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { segmentFactsDrift } from '../support/segment-facts.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, publishScenario, type Workspace } from '../webhook/harness.ts';

// Friend-info fields written by a scenario land in friends.fields: set, increment (the engine
// hands over the final number) and clear, merged with what the friend already has.

let t: TestApp;
let ws: Workspace;
beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
});
afterAll(() => t.close());
// Every write here must leave friend_segment_facts (what segment SQL reads) equal to fields and friend_tags.
afterEach(async () => expect(await segmentFactsDrift(t, ws.id)).toEqual([]));

test('set, increment and clear reach the friend record', async () => {
  const stage = (await ws.api('POST', '/fields', { name: 'ステージ', kind: 'text' })).id;
  const points = (await ws.api('POST', '/fields', { name: 'ポイント', kind: 'number' })).id;
  const memo = (await ws.api('POST', '/fields', { name: 'メモ', kind: 'text' })).id;
  const node = (id: string, row: number, data: object) => ({ id, type: 'setField' as const, position: { x: 0, y: row * 120 }, data });
  const graph = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      node('n1', 1, { op: 'set', fieldId: stage, value: '見込み客' }),
      node('n2', 2, { op: 'increment', fieldId: points, by: 5 }),
      node('n3', 3, { op: 'increment', fieldId: points, by: 2 }),
      node('n4', 4, { op: 'set', fieldId: memo, value: '一時メモ' }),
      node('n5', 5, { op: 'clear', fieldId: memo }),
    ],
    edges: [1, 2, 3, 4, 5].map((i) => ({ id: `e${i}`, source: `n${i - 1}`, sourceHandle: 'next', target: `n${i}` })),
  } as FlowGraph;
  await publishScenario(ws, 'fields', graph);
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '伊藤' });
  const detail = await waitFor(t.clock, async () => {
    const current = await ws.api('GET', `/friends/${friend.id}`);
    return current.runs[0]?.status === 'finished' ? current : undefined;
  });
  expect(detail.fields).toEqual({ [stage]: '見込み客', [points]: 7 });
});
