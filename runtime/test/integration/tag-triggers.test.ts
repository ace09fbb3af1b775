import { CURRENT_SCHEMA_VERSION, type FlowGraph } from '@lsb/shared';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { segmentFactsDrift } from '../support/segment-facts.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, linearScenario, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// A tag added by one scenario starts another scenario listening for it; a tag nobody listens to
// queues no follow-up work at all.

let t: TestApp;
let ws: Workspace;
let vip: string;
let quiet: string;

function tagThenEnd(tagId: string): FlowGraph {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 'n0', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' } },
      { id: 'n1', type: 'tag', position: { x: 0, y: 160 }, data: { add: [tagId], remove: [] } },
    ],
    edges: [{ id: 'e0', source: 'n0', sourceHandle: 'next', target: 'n1' }],
  };
}

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  vip = (await ws.api('POST', '/tags', { name: 'VIP' })).id;
  quiet = (await ws.api('POST', '/tags', { name: '静か' })).id;
  await publishScenario(ws, 'tag vip', tagThenEnd(vip));
  await publishScenario(ws, 'tag quiet', tagThenEnd(quiet));
  await publishScenario(ws, 'vip welcome', linearScenario({ trigger: { kind: 'tagAdded', tagId: vip }, reentry: 'firstTimeOnly' }, [{ send: 'VIP特典のご案内' }]));
});
afterAll(() => t.close());
// Every write here must leave friend_segment_facts (what segment SQL reads) equal to fields and friend_tags.
afterEach(async () => expect(await segmentFactsDrift(t, ws.id)).toEqual([]));

test('a tag added by one scenario starts the scenario that listens for it; an unheard tag queues nothing', async () => {
  const friend = await ws.api('POST', '/simulator/friends', { displayName: '佐藤' });
  await waitFor(t.clock, async () => inboxTexts(t, friend.lineUserId).length === 1);
  expect(inboxTexts(t, friend.lineUserId)).toEqual(['VIP特典のご案内']);
  const activity = await rows<{ data: { activity: { tagId: string } } }>(t, "select data from pgboss.job where name = 'friend-activity'");
  expect(activity.map((job) => job.data.activity.tagId)).toEqual([vip]);
  const detail = await ws.api('GET', `/friends/${friend.id}`);
  expect(detail.tagIds.sort()).toEqual([vip, quiet].sort());
});
