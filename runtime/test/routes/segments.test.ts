import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, linearScenario, newUserId, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// Segment count, sample and search over real friends, and enrolling friends or a whole segment.

let t: TestApp;
let ws: Workspace;
let vip: string;
const friendIds: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  vip = (await ws.api('POST', '/tags', { name: 'VIP' })).id;
  for (const [index, name] of ['佐藤', '鈴木', '高橋', '田中'].entries()) {
    const [friend] = await rows<{ id: string }>(t, `
      insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
      values ($1, $2, $3, $4, now()) returning id`, [ws.id, ws.channelId, newUserId(), name]);
    friendIds.push(friend!.id);
    if (index < 2) await ws.api('POST', `/friends/${friend!.id}/tags`, { add: [vip] });
  }
});
afterAll(() => t.close());

const hasVip = () => ({ condition: { kind: 'tag', tagId: vip, has: true } });

describe('segments', () => {
  test('count, sample and search agree on who matches', async () => {
    expect(await ws.api('POST', '/segments/count', hasVip())).toEqual({ count: 2 });
    const sample = await ws.api('POST', '/segments/sample', hasVip());
    expect(sample.friends.map((f: { displayName: string }) => f.displayName).sort()).toEqual(['佐藤', '鈴木']);
    const search = await ws.api('POST', '/friends/search', { condition: { kind: 'not', condition: hasVip().condition }, limit: 10 });
    expect(search.total).toBe(2);
    expect(search.friends.map((f: { displayName: string }) => f.displayName).sort()).toEqual(['田中', '高橋']);
  });

  test('an invalid condition is a 400 with the error shape', async () => {
    const response = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/segments/count`, payload: { condition: { kind: 'tag' } } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_condition' });
  });

  test('another workspace counts none of these friends', async () => {
    const other = await createWorkspace(t, 'Other');
    expect(await other.api('POST', '/segments/count', { condition: { kind: 'and', conditions: [] } })).toEqual({ count: 0 });
  });
});

describe('enrolment', () => {
  test('friends by id, then a whole segment, enter through the manual trigger once each', async () => {
    const scenario = await publishScenario(ws, 'manual', linearScenario({ trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' }, [{ waitMinutes: 60 }, { send: 'リマインド' }]));
    const runsOf = async () => (await ws.api('GET', `/runs?scenarioId=${scenario}`)).map((run: { friendId: string }) => run.friendId).sort();

    const byId = await t.app.inject({ method: 'POST', url: `/api/workspaces/${ws.id}/scenarios/${scenario}/enrol`, payload: { friendIds: [friendIds[2]] } });
    expect(byId.statusCode).toBe(202);
    expect(byId.json()).toEqual({ enrolled: 1, skipped: 0 });
    await waitFor(t.clock, async () => (await runsOf()).length === 1);

    await ws.api('POST', `/scenarios/${scenario}/enrol`, { condition: { kind: 'and', conditions: [] } });
    await waitFor(t.clock, async () => (await runsOf()).length === 4);
    expect(await runsOf()).toEqual([...friendIds].sort()); // friends[2] was not entered twice (first time only)
  });
});
