import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { followEvent } from '../../src/line/fake/index.ts';
import { sweepInbox } from '../../src/ingest/drain.ts';
import { insertWebhookEvents } from '../../src/store/webhook-events.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, inboxTexts, linearScenario, newUserId, postEvents, publishScenario, rows, type Workspace } from './harness.ts';

// Who drains a webhook commit: the process that took it, when it runs the workers (no job); a worker
// elsewhere through a job, when an API-only process took it; and the workers' sweep, when the process
// died between its commit and its drain.

const drainJobs = (t: TestApp) => rows<{ data: { channelId: string } }>(t, "select data from pgboss.job where name = 'webhook-event'");
const pending = (t: TestApp) => rows<{ webhook_event_id: string }>(t, 'select webhook_event_id from webhook_events where processed_at is null');

async function withWelcome(t: TestApp): Promise<Workspace> {
  const ws = await createWorkspace(t);
  await publishScenario(ws, 'welcome', linearScenario({ trigger: { kind: 'friendAdded', includeReturning: false }, reentry: 'firstTimeOnly' }, [{ send: 'ようこそ' }]));
  return ws;
}

describe('a process that runs the workers', () => {
  let t: TestApp;
  let ws: Workspace;
  beforeAll(async () => {
    t = await createTestApp({ workers: true, ticks: { inboxSweepMs: 50 } });
    ws = await withWelcome(t);
  });
  afterAll(() => t.close());

  test('applies the events it committed itself, with no drain job queued', async () => {
    const users = [newUserId(), newUserId(), newUserId()];
    await Promise.all(users.map((userId) => postEvents(t, ws, [followEvent({ userId, timestamp: t.clock.now() })])));
    for (const userId of users) await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);
    expect(users.map((userId) => inboxTexts(t, userId))).toEqual(users.map(() => ['ようこそ']));
    expect(await drainJobs(t)).toEqual([]);
    expect(await pending(t)).toEqual([]);
  });

  test('events committed by a process that died before draining them are applied by the sweep, once', async () => {
    const userId = newUserId();
    const event = followEvent({ userId, timestamp: t.clock.now() });
    // The commit alone, as the dead process left it: no drain ran and no job exists.
    await t.app.db.transaction((tx) => insertWebhookEvents(tx, [{ workspaceId: ws.id, channelId: ws.channelId, webhookEventId: event.webhookEventId, event, receivedAt: new Date(t.clock.now()) }]));
    await waitFor(t.clock, async () => inboxTexts(t, userId).length === 1);
    expect(await pending(t)).toEqual([]);
    expect(await drainJobs(t)).toEqual([]);
    expect(inboxTexts(t, userId)).toEqual(['ようこそ']);
  });
});

describe('a process without workers (ROLE=api)', () => {
  let t: TestApp;
  let ws: Workspace;
  beforeAll(async () => {
    t = await createTestApp({ workers: false, env: { ROLE: 'api' } });
    ws = await withWelcome(t);
  });
  afterAll(() => t.close());

  test('commits its events with one drain job for the channel, for the workers elsewhere', async () => {
    const events = [followEvent({ userId: newUserId(), timestamp: t.clock.now() }), followEvent({ userId: newUserId(), timestamp: t.clock.now() })];
    await postEvents(t, ws, events);
    expect((await pending(t)).map((row) => row.webhook_event_id).sort()).toEqual(events.map((event) => event.webhookEventId).sort());
    expect(await drainJobs(t)).toEqual([{ data: { channelId: ws.channelId } }]);
  });

  test("a sweep starts every pending channel's drain, waiting for none (startDrain returns nothing to wait for)", async () => {
    const other = await withWelcome(t);
    const event = followEvent({ userId: newUserId(), timestamp: t.clock.now() });
    await t.app.db.transaction((tx) => insertWebhookEvents(tx, [{ workspaceId: other.id, channelId: other.channelId, webhookEventId: event.webhookEventId, event, receivedAt: new Date(t.clock.now()) }]));
    const asked: string[] = [];
    await expect(sweepInbox(t.app.db, (channelId) => { asked.push(channelId); })).resolves.toBe(false);
    expect(asked.sort()).toEqual([ws.channelId, other.channelId].sort());
  });
});
