import type { DeliveryWindowRule, FlowNodeOf, NodeType } from '@lsb/shared';
import type { CapTally } from './cap.ts';
import type { WorkingFacts } from './facts.ts';
import type { Effect, FriendActivity, WaitingFor } from './types.ts';

/** What a node runner may read and do while a run passes through its node. */
export interface StepContext {
  readonly now: Date;
  readonly timeZone: string;
  readonly displayName: string;
  /** False while the friend's LINE profile is still on its way (see EngineFriend.nameKnown). */
  readonly nameKnown: boolean;
  /** The friend's tracked-link base for this run (see EngineFriend). */
  readonly clickBaseUrl?: string;
  readonly seed: number;
  /** The workspace's 配信時間帯: every send keeps to it unless the node opts out or has its own. */
  readonly deliveryWindows: readonly DeliveryWindowRule[];
  /** The friend as this step has left them so far: a tag added upstream is already here. */
  readonly facts: WorkingFacts;
  /** The message cap (配信上限) for this friend, counting the sends of this step so far. */
  readonly cap: CapTally;
  /** This entry's visit number of the node being run (1 on the first visit). */
  readonly visit: number;
  /** Random splits whose winner was decided (node id → branch id): later friends all go down it. */
  readonly splitWinners: Readonly<Record<string, string>>;
  emit(effect: Effect): void;
}

/** What re-planning may read: the moment and the friend as the change left them. */
export interface ReplanContext {
  readonly now: Date;
  readonly timeZone: string;
  readonly facts: WorkingFacts;
}

export type Outcome =
  /** Leave now through this output (an unconnected output finishes the run). */
  | { kind: 'continue'; output: string }
  /** Stay here until `wakeAt` (and, for a wait-for-event node, until the activity arrives). */
  | { kind: 'pause'; wakeAt: Date; waitingFor: WaitingFor | null }
  /** The run is over (an end node). */
  | { kind: 'finish' };

/**
 * One per node kind, in nodes/<kind>.ts. `wake` and `activity` exist only on kinds a run can wait
 * at; their absence is how the engine knows a run cannot be parked at a node.
 */
export interface NodeRunner<K extends NodeType> {
  enter(node: FlowNodeOf<K>, ctx: StepContext): Outcome;
  /** The output a fired timer leaves through, or REENTER_NODE to enter the node again. */
  wake?: (node: FlowNodeOf<K>) => string;
  /** The output a matching activity leaves through, or null when this activity is not awaited. */
  activity?: (waitingFor: WaitingFor, activity: FriendActivity) => string | null;
  /**
   * A run parked here hears that these fields changed: a new outcome (pause with the re-planned
   * moment, or leave through an output), or null when this node does not depend on them.
   */
  replan?: (node: FlowNodeOf<K>, ctx: ReplanContext, fieldIds: readonly string[]) => Outcome | null;
  /** What a run parked here waits for, for states stored before waitingFor existed. */
  waitingFor?: (node: FlowNodeOf<K>) => WaitingFor;
}

/** A wake that enters the parked node again (a send that waited for the friend's name). */
export const REENTER_NODE = '\u0000reenter';

export type NodeRunners = { [K in NodeType]: NodeRunner<K> };
