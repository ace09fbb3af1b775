import { CURRENT_SCHEMA_VERSION } from '@lsb/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { followEvent } from '../../src/line/fake/index.ts';
import { createTestApp, type TestApp } from '../support/app.ts';
import { waitFor } from '../support/wait-for.ts';
import { createWorkspace, friendByLineUserId, inboxTexts, linearScenario, newUserId, postEvents, publishScenario, rows, type Workspace } from '../webhook/harness.ts';

// A batch job (enrol, wake, activity) must be completed by the very transaction that does its work.
// Completed in a later statement, a worker SIGKILLed between the two leaves the work committed and
// the job active; pg-boss runs it again, and an enrolment into an everyTime scenario starts a second
// run that sends everything twice. The row versions tell: rows written by one transaction share xmin.

let t: TestApp;
let ws: Workspace;
let scenarioId: string;
let launcherId: string;
beforeAll(async () => {
  t = await createTestApp({ workers: true });
  ws = await createWorkspace(t);
  const campaignId = await publishScenario(ws, 'campaign', linearScenario({ trigger: { kind: 'manual' }, reentry: 'everyTime' }, [{ send: 'A' }, { send: 'B' }]));
  scenarioId = campaignId;
  // Enrolment by hand is queued as a set (pending_enrolments); a scenario's start node still
  // enrols through an enrol job, one friend at a time.
  launcherId = await publishScenario(ws, 'launcher', {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    nodes: [
      { id: 't', type: 'trigger', position: { x: 0, y: 0 }, data: { trigger: { kind: 'manual' }, reentry: 'firstTimeOnly' } },
      { id: 'go', type: 'scenarioControl', position: { x: 0, y: 100 }, data: { action: 'start', scenarioId: campaignId } },
      { id: 'end', type: 'end', position: { x: 0, y: 200 }, data: {} },
    ],
    edges: [{ id: 'e1', source: 't', sourceHandle: 'next', target: 'go' }, { id: 'e2', source: 'go', sourceHandle: 'next', target: 'end' }],
  });
});
afterAll(() => t.close());

test('an enrol job is completed in the transaction that started its run, so a crash cannot leave it to run twice', async () => {
  const userId = newUserId();
  await postEvents(t, ws, [followEvent({ userId, timestamp: t.clock.now() })]);
  const friend = await waitFor(t.clock, () => friendByLineUserId(t, userId));
  await ws.api('POST', `/scenarios/${launcherId}/enrol`, { friendIds: [friend.id] });
  await waitFor(t.clock, async () => inboxTexts(t, userId).length === 2);

  const [run] = await rows<{ xmin: string }>(t, 'select xmin::text from runs where friend_id = $1 and scenario_id = $2', [friend.id, scenarioId]);
  const job = await waitFor(t.clock, async () => {
    const [found] = await rows<{ xmin: string; state: string }>(t,
      "select xmin::text, state from pgboss.job where name = 'enrol' and data->>'friendId' = $1", [friend.id]);
    return found?.state === 'completed' ? found : undefined;
  });
  expect(job.xmin).toBe(run!.xmin);
  expect(inboxTexts(t, userId)).toEqual(['A', 'B']);
});
