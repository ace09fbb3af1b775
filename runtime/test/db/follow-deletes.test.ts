import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, linearScenario, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// The timeline and the outbox keep no key to channels or (the timeline) to friends, runs none to
// their scenario: keys are a query per row on their hottest paths (migrations 0024, 0027). What
// the keys' cascades did still happens: a deleted friend's timeline goes by a statement-level
// trigger on friends, a deleted channel's sends go with its friends, and a deleted scenario's runs
// and their steps (a workspace's too) by a trigger on scenarios. Friends and webhook events keep no key to the
// workspace (migration 0034): their channel's key cascades a deleted workspace.

let t: TestApp;
let ws: Workspace;

beforeAll(async () => {
  t = await createTestApp();
  ws = await createWorkspace(t);
});
afterAll(() => t.close());

async function friendWithHistory(lineUserId: string, channelId = ws.channelId): Promise<string> {
  const [friend] = await rows<{ id: string }>(t, `insert into friends (workspace_id, channel_id, line_user_id, display_name, registered_at)
    values ($1, $2, $3, 'f', now()) returning id`, [ws.id, channelId, lineUserId]);
  await rows(t, `insert into timeline_entries (workspace_id, friend_id, kind, detail, at) values ($1, $2, 'followed', '{}', now()), ($1, $2, 'tag_added', '{}', now())`, [ws.id, friend!.id]);
  await rows(t, `insert into sends (workspace_id, channel_id, friend_id, retry_key, messages, message_digest, due_at)
    values ($1, $2, $3, gen_random_uuid(), '[]', 'd', now())`, [ws.id, channelId, friend!.id]);
  return friend!.id;
}

const left = async (friendIds: string[]) => (await rows<{ timeline: number; sends: number }>(t, `
  select (select count(*)::int from timeline_entries where friend_id = any($1::uuid[])) as timeline,
         (select count(*)::int from sends where friend_id = any($1::uuid[])) as sends`, [friendIds]))[0];

test('a deleted friend takes its timeline and sends; the other friends keep theirs', async () => {
  const gone = await friendWithHistory('Ugone');
  const kept = await friendWithHistory('Ukept');
  await rows(t, 'delete from friends where id = $1', [gone]);
  expect(await left([gone])).toEqual({ timeline: 0, sends: 0 });
  expect(await left([kept])).toEqual({ timeline: 2, sends: 1 });
});

test("a deleted channel takes its friends' timeline and sends", async () => {
  const [channel] = await rows<{ id: string }>(t, `insert into channels (workspace_id, name, line_channel_id, channel_secret_enc, access_token_enc)
    select workspace_id, 'second', '2', channel_secret_enc, access_token_enc from channels where id = $1 returning id`, [ws.channelId]);
  const friends = [await friendWithHistory('Uc1', channel!.id), await friendWithHistory('Uc2', channel!.id)];
  await rows(t, 'delete from channels where id = $1', [channel!.id]);
  expect(await left(friends)).toEqual({ timeline: 0, sends: 0 });
});

test("a deleted scenario takes its runs and their steps; another scenario's runs stay, and a run deleted alone leaves its path", async () => {
  const graph = linearScenario({ trigger: { kind: 'manual' }, reentry: 'everyTime' }, [{ send: 'A' }]);
  const [gone, kept] = [await publishScenario(ws, 'gone', graph), await publishScenario(ws, 'kept', graph)];
  const friend = await friendWithHistory('Uscenario');
  const other = await friendWithHistory('Uscenario2');
  await rows(t, `insert into runs (workspace_id, friend_id, scenario_id, version_id, status, state, started_at)
    select $1, f.id, s.id, s.current_version_id, 'finished', '{}', now() from scenarios s, unnest($3::uuid[]) f(id) where s.id = any($2::uuid[])`,
  [ws.id, [gone, kept], [friend, other]]);
  // One path per scenario, naming both friends' runs of it, as a step of both would write it.
  await rows(t, `insert into run_steps (workspace_id, run_ids, step_seq, scenario_id, entered_at, node_ids, visits, outputs)
    select workspace_id, array_agg(id), 1, scenario_id, now(), '{t}', '{1}', '{next}' from runs where friend_id = any($1::uuid[]) group by 1, 4`, [[friend, other]]);
  await rows(t, 'delete from scenarios where id = $1', [gone]);
  const left = await rows<{ scenario_id: string; steps: number }>(t, `select r.scenario_id, (select count(*)::int from run_steps s where r.id = any(s.run_ids)) as steps
    from runs r where r.friend_id = $1`, [friend]);
  expect(left).toEqual([{ scenario_id: kept, steps: 1 }]);
  expect(await rows(t, 'select 1 from run_steps where scenario_id = $1', [gone])).toEqual([]);
  // A friend deleted takes their runs; the path stays for the other friend's run, and the deleted
  // run's id in it names nothing any reader finds (they join runs).
  await rows(t, 'delete from friends where id = $1', [friend]);
  const named = await rows<{ friend_id: string | null }>(t, `select r.friend_id from run_steps s cross join unnest(s.run_ids) p(run_id)
    left join runs r on r.id = p.run_id where s.scenario_id = $1 order by 1 nulls last`, [kept]);
  expect(named).toEqual([{ friend_id: other }, { friend_id: null }]);
});

test("a deleted workspace takes its channels' friends, their timeline and the channels' webhook events; another workspace keeps its own", async () => {
  const other = await createWorkspace(t, 'Other');
  const doomed = await createWorkspace(t, 'Doomed');
  const friends = { doomed: await friendWithHistory('Uws1', doomed.channelId), kept: await friendWithHistory('Uws2', other.channelId) };
  await rows(t, `insert into webhook_events (workspace_id, channel_id, webhook_event_id, event, received_at)
    values ($1, $2, 'ev-doomed', '{}', now()), ($3, $4, 'ev-kept', '{}', now())`, [doomed.id, doomed.channelId, other.id, other.channelId]);
  const scenario = await publishScenario(doomed, 'doomed', linearScenario({ trigger: { kind: 'manual' }, reentry: 'everyTime' }, [{ send: 'A' }]));
  await rows(t, `with run as (insert into runs (workspace_id, friend_id, scenario_id, version_id, status, state, started_at)
      select $1, $2, s.id, s.current_version_id, 'finished', '{}', now() from scenarios s where s.id = $3 returning *)
    insert into run_steps (workspace_id, run_ids, step_seq, scenario_id, entered_at, node_ids, visits, outputs)
    select workspace_id, array[id], 1, scenario_id, now(), '{t}', '{1}', '{next}' from run`, [doomed.id, friends.doomed, scenario]);
  await rows(t, 'delete from workspaces where workspace_id = $1', [doomed.id]);
  expect(await rows(t, 'select 1 from run_steps where workspace_id = $1', [doomed.id])).toEqual([]);
  expect(await rows(t, 'select id from friends where id = $1', [friends.doomed])).toEqual([]);
  expect(await left([friends.doomed])).toEqual({ timeline: 0, sends: 0 });
  expect(await rows<{ webhook_event_id: string }>(t, "select webhook_event_id from webhook_events where webhook_event_id like 'ev-%'")).toEqual([{ webhook_event_id: 'ev-kept' }]);
  expect(await left([friends.kept])).toEqual({ timeline: 2, sends: 1 });
});
