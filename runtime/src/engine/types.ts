// The engine's contract with the interpreter (runtime/src/runs/, which applies the effects). The engine is pure: given a
// graph, a run and an event at a moment, it returns the run's next state and the effects to apply.
// No clock, no randomness (random split draws from the run's seed), no IO.

import type { FriendFacts, RunStatus, RunStopReason } from '@lsb/shared';
import type { CapPolicy } from '@lsb/shared/api';
import type { CapFact } from './cap.ts';

/** Engine-owned run state; stored as JSON in runs.state and parsed on read (see run-state.ts). */
export interface RunState {
  /** Where the run is: the node it waits at, or null before it starts / after it ends. */
  currentNodeId: string | null;
  /** Stored once, in the runs.status column (runs.state holds the rest; see run-state.ts). */
  status: RunStatus;
  /** When a time-based wait (or a wait-for-event timeout) fires; null when not waiting on time. */
  wakeAt: string | null;
  /** How many times the run has entered each node: part of each send's retry key, so a loop through
   *  the same send node on a later visit is a new message while a retried visit is not. */
  visits: Record<string, number>;
  /** Seed for random split, fixed when the run starts, so replaying a step chooses the same branch. */
  seed: number;
  /** What a run waiting at a wait-for-event node waits for (copied from the node when it entered,
   *  so the interpreter can find the runs an activity concerns); null otherwise. */
  waitingFor: WaitingFor | null;
}

/** The spec of a wait-for-event node without its timeout; an absent id or data means "any". */
export type WaitingFor =
  | { event: 'linkClicked'; linkId?: string }
  | { event: 'replied' }
  | { event: 'postback'; data?: string }
  | { event: 'tagAdded'; tagId: string }
  | { event: 'conversion'; pointId?: string }
  /** A send whose `{name}` has no fallback, parked until LINE gives the friend's profile. */
  | { event: 'profile' };

/** What the friend did that a wait-for-event node may be waiting for. */
export type FriendActivity =
  | { kind: 'linkClicked'; linkId: string }
  | { kind: 'replied'; text: string }
  | { kind: 'postback'; data: string }
  | { kind: 'tagAdded'; tagId: string }
  | { kind: 'conversion'; pointId: string };

export type EngineEvent =
  /** Enter the scenario at this trigger node. */
  | { kind: 'start'; triggerNodeId: string }
  /** The run's timer fired (a wait elapsed or a wait-for-event timed out). `at` is the instant the
   *  job was scheduled for (scheduleWake.at): when given, a wake for another instant is stale. */
  | { kind: 'wake'; at?: string }
  /** The friend did something; only a run waiting at a matching wait-for-event node moves. */
  | { kind: 'activity'; activity: FriendActivity }
  /** These friend fields were just changed (set-field node, friend API, import). A run waiting on
   *  a date wait tied to one of them re-plans its wake-up, or leaves by `skipped` when the date is
   *  gone or its moment has passed. */
  | { kind: 'fieldChanged'; fieldIds: string[] }
  /** The friend blocked the account: the run is held, or ended when its trigger says so. */
  | { kind: 'blocked' };

export type Effect =
  /** The run entered a node (its step's path in run_steps: per-node "entered" counts, funnels and the friend's history). */
  | { kind: 'enteredNode'; nodeId: string; visit: number; output?: string }
  | { kind: 'addTags'; tagIds: string[] }
  | { kind: 'removeTags'; tagIds: string[] }
  /** The field's new value, already computed (an increment is resolved against the facts the step
   *  saw), so replaying a step writes the same value instead of adding twice; null clears it. */
  | { kind: 'setField'; fieldId: string; value: string | number | null }
  /** Rendered LINE message objects; (nodeId, visit) identify the send for its retry key. `dueAt`
   *  (ISO) holds it until a delivery window opens; absent, it goes now. */
  | { kind: 'send'; nodeId: string; visit: number; messages: unknown[]; dueAt?: string; aggregationUnit?: string; capPolicy?: CapPolicy }
  /** The friend had reached the message cap: the run waits at the send until `until`, or skipped it. */
  | { kind: 'sendCapped'; nodeId: string; outcome: 'held' | 'skipped'; until?: string }
  | { kind: 'startScenario'; scenarioId: string }
  | { kind: 'stopScenario'; scenarioId: string }
  /** Wake the run at this ISO instant (a pg-boss job with startAfter). */
  | { kind: 'scheduleWake'; at: string }
  /** The engine gave up on the run (its state says `stopped`); worth a log line and an alert. */
  | { kind: 'runStopped'; reason: StopReason; nodeId: string };

/**
 * instantLoop: a node was about to be entered twice in one step (a cycle without a pause, which
 * the validator refuses; the engine must still never spin). unknownNode: the run points at a node
 * the graph does not have. notATrigger: `start` named a node that is not a trigger. blocked: the
 * friend blocked us and the run's trigger says to end (onBlock: end).
 */
export type StopReason = RunStopReason;

export interface StepResult {
  state: RunState;
  effects: Effect[];
}

/** The friend as the database holds them when the step begins; the engine never mutates it. */
export interface EngineFriend {
  /** LINE display name, for `{name}` placeholders. */
  displayName: string;
  /**
   * False while LINE's profile is still being fetched (and the name is empty): a send with a
   * `{name}` that declares no fallback waits for it. Absent means known.
   */
  nameKnown?: boolean;
  facts: FriendFacts;
  /** `https://<host>/l/<signed token>` for this friend and run: `{link:<id>}` renders as
   *  `<clickBaseUrl>/<id>`. A plain string so the engine stays pure; absent, links stay unrendered. */
  clickBaseUrl?: string;
  /** The workspace's message cap and what counts against it today and this week; absent, no cap. */
  cap?: CapFact;
}
