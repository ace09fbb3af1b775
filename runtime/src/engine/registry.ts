import type { NodeRunners } from './runner.ts';
import { branchRunner } from './nodes/branch.ts';
import { endRunner } from './nodes/end.ts';
import { randomSplitRunner } from './nodes/random-split.ts';
import { scenarioControlRunner } from './nodes/scenario-control.ts';
import { sendRunner } from './nodes/send.ts';
import { setFieldRunner } from './nodes/set-field.ts';
import { tagRunner } from './nodes/tag.ts';
import { triggerRunner } from './nodes/trigger.ts';
import { waitForEventRunner } from './nodes/wait-for-event.ts';
import { waitRunner } from './nodes/wait.ts';

/** One runner per node kind: a kind added to shared's NODE_TYPES does not compile until it is here. */
export const runners: NodeRunners = {
  trigger: triggerRunner,
  wait: waitRunner,
  waitForEvent: waitForEventRunner,
  branch: branchRunner,
  tag: tagRunner,
  send: sendRunner,
  randomSplit: randomSplitRunner,
  setField: setFieldRunner,
  scenarioControl: scenarioControlRunner,
  end: endRunner,
};
