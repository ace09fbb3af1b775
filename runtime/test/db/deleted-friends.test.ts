import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.ts';
import { createWorkspace, rows, type Workspace } from '../webhook/harness.ts';

// The timeline and the outbox keep no key to channels or (the timeline) to friends: keys are a
// query per row on their hottest paths (migration 0024). What the keys' cascades did still
// happens: a deleted friend's timeline goes by a statement-level trigger on friends, and a deleted
// channel's sends go with its friends.

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
