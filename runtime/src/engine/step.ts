import { assertNever, DEFAULT_BLOCK_POLICY, type BlockPolicy, type DeliveryWindowRule, type FlowGraph, type FlowNode, type FlowNodeOf, type NodeType } from '@lsb/shared';
import { DateTime } from 'luxon';
import { CapTally } from './cap.ts';
import { WorkingFacts } from './facts.ts';
import { indexGraph, type GraphIndex } from './graph-index.ts';
import { runners } from './registry.ts';
import { REENTER_NODE, type NodeRunner, type Outcome, type StepContext } from './runner.ts';
import type { Effect, EngineEvent, EngineFriend, RunState, StepResult, StopReason } from './types.ts';

export { initialRunState, parseRunState, RunStateError, storedRunState } from './run-state.ts';
export type { EngineFriend } from './types.ts';

export interface StepInput {
  /** The version the run started on (runs are pinned to it), parsed with parseFlowGraph. */
  graph: FlowGraph;
  state: RunState;
  event: EngineEvent;
  /** The friend as the database holds them when the step begins. */
  friend: EngineFriend;
  /** The workspace's IANA zone: wall-clock waits, windows and "today" in conditions use it. */
  timeZone: string;
  /** The workspace's default 配信時間帯 for sends (none: any time). */
  deliveryWindows?: readonly DeliveryWindowRule[];
  /** Decided random-split winners of this scenario (node id → branch id); absent: none. */
  splitWinners?: Readonly<Record<string, string>>;
  now: Date;
}

/**
 * Moves one run in response to one event: pure, deterministic and total. Events the run is not in
 * a position to take (a duplicate start, a stale or early-cancelled wake, an activity nobody waits
 * for) return the state unchanged with no effects, because queues deliver at least once.
 */
export function step(input: StepInput): StepResult {
  if (!isValidZone(input.timeZone, input.now)) throw new RangeError(`Invalid time zone: ${input.timeZone}`);
  const { state, event } = input;
  const graph = indexGraph(input.graph);
  const unchanged: StepResult = { state, effects: [] };
  switch (event.kind) {
    case 'start': {
      // Only a run that never entered anything starts; a redelivered start job is a no-op.
      if (state.status !== 'running' || state.currentNodeId !== null || Object.keys(state.visits).length > 0) return unchanged;
      const trigger = graph.node(event.triggerNodeId);
      if (trigger && trigger.type !== 'trigger') return stopped(input, state.visits, [], 'notATrigger', trigger.id);
      return walk(input, graph, event.triggerNodeId);
    }
    case 'wake': {
      const parked = parkedNode(state, graph);
      if (!parked) return unchanged;
      // The job names the instant it was scheduled for; any other means the run moved on since.
      if (event.at !== undefined && !sameInstant(event.at, state.wakeAt)) return unchanged;
      if (parked.kind === 'missing') return stopped(input, state.visits, [], 'unknownNode', parked.nodeId);
      const { node, runner } = parked;
      if (!runner.wake) return stopped(input, state.visits, [], 'unknownNode', node.id);
      const output = runner.wake(node);
      if (output === REENTER_NODE) return walk(input, graph, node.id, { reentering: true });
      return walk(input, graph, graph.target(node.id, output) ?? null);
    }
    case 'activity': {
      const parked = parkedNode(state, graph);
      if (!parked || parked.kind === 'missing') return unchanged;
      const { node, runner } = parked;
      const waitingFor = state.waitingFor ?? runner.waitingFor?.(node);
      const output = waitingFor && runner.activity?.(waitingFor, event.activity);
      if (!output) return unchanged;
      return walk(input, graph, graph.target(node.id, output) ?? null);
    }
    case 'fieldChanged': {
      const parked = parkedNode(state, graph);
      if (!parked || parked.kind === 'missing' || !parked.runner.replan) return unchanged;
      const { node, runner } = parked;
      const outcome = runner.replan!(node, { now: input.now, timeZone: input.timeZone, facts: new WorkingFacts(input.friend.facts) }, event.fieldIds);
      if (!outcome || outcome.kind === 'finish') return unchanged;
      if (outcome.kind === 'continue') return walk(input, graph, graph.target(node.id, outcome.output) ?? null);
      const at = outcome.wakeAt.toISOString();
      if (sameInstant(at, state.wakeAt)) return unchanged;
      // Same visit, new moment: the old wake job carries the previous step_seq and is ignored.
      return { state: { ...state, wakeAt: at }, effects: [{ kind: 'scheduleWake', at }] };
    }
    case 'blocked': {
      if (state.status !== 'waiting' && state.status !== 'running') return unchanged;
      if (blockPolicyOf(graph, state) === 'end') {
        const nodeId = state.currentNodeId ?? enteredTrigger(graph, state)?.id ?? '';
        return stopped(input, state.visits, [], 'blocked', nodeId);
      }
      return { state: { ...state, status: 'held' }, effects: [] };
    }
    default:
      return assertNever(event);
  }
}

/** The trigger node this run came in through: the one its visits name (a run enters one trigger). */
function enteredTrigger(graph: GraphIndex, state: RunState): FlowNodeOf<'trigger'> | undefined {
  for (const nodeId of Object.keys(state.visits)) {
    const node = graph.node(nodeId);
    if (node?.type === 'trigger') return node;
  }
  return undefined;
}

/** The run's trigger's onBlock, hold when absent (graphs saved before the policy existed). */
export function blockPolicyOf(graph: GraphIndex, state: RunState): BlockPolicy {
  return enteredTrigger(graph, state)?.data.onBlock ?? DEFAULT_BLOCK_POLICY;
}

type Parked =
  | { kind: 'node'; node: FlowNode; runner: NodeRunner<NodeType> }
  | { kind: 'missing'; nodeId: string };

/** The node a waiting run is parked at; undefined when the run is not waiting (held, over, …). */
function parkedNode(state: RunState, graph: GraphIndex): Parked | undefined {
  if (state.status !== 'waiting' || state.currentNodeId === null) return undefined;
  const node = graph.node(state.currentNodeId);
  return node ? { kind: 'node', node, runner: runnerOf(node) } : { kind: 'missing', nodeId: state.currentNodeId };
}

/**
 * Enters `first` and keeps going through instant nodes until one pauses or the run ends (`null`:
 * the previous output was unconnected). A node entered twice in one step can only mean a cycle
 * with no pause in it, so the step stops the run there instead of spinning: at most one entry per
 * node per step, which bounds a step by the size of the graph.
 *
 * `reentering`: `first` is the node the run paused at, entered again (a send that waited for the
 * friend's name or for its message cap). That is the same visit, not a new one: the run arrived
 * there once, so the node's entered count does not count it twice, and the send keeps the visit.
 */
function walk(input: StepInput, graph: GraphIndex, first: string | null, { reentering = false } = {}): StepResult {
  const visits = { ...input.state.visits };
  const effects: Effect[] = [];
  const facts = new WorkingFacts(input.friend.facts);
  const cap = new CapTally(input.friend.cap);
  const entered = new Set<string>();
  let nextId = first;
  let again = reentering;
  while (nextId !== null) {
    const node = graph.node(nextId);
    if (!node) return stopped(input, visits, effects, 'unknownNode', nextId);
    if (entered.has(node.id)) return stopped(input, visits, effects, 'instantLoop', node.id);
    entered.add(node.id);
    const visit = again ? Math.max(visitCount(visits, node.id), 1) : visitCount(visits, node.id) + 1;
    visits[node.id] = visit;
    const entry: Extract<Effect, { kind: 'enteredNode' }> = { kind: 'enteredNode', nodeId: node.id, visit };
    if (!again) effects.push(entry);
    again = false;
    const outcome = runNode(node, {
      now: input.now,
      timeZone: input.timeZone,
      displayName: input.friend.displayName,
      nameKnown: input.friend.nameKnown ?? true,
      ...(input.friend.clickBaseUrl === undefined ? {} : { clickBaseUrl: input.friend.clickBaseUrl }),
      seed: input.state.seed,
      deliveryWindows: input.deliveryWindows ?? [],
      facts,
      cap,
      visit,
      splitWinners: input.splitWinners ?? NO_WINNERS,
      emit: (effect) => effects.push(effect),
    });
    switch (outcome.kind) {
      case 'continue':
        // The way out, for per-output shares (branch cases, random-split arms); known in this step.
        entry.output = outcome.output;
        nextId = graph.target(node.id, outcome.output) ?? null;
        break;
      case 'pause': {
        const at = outcome.wakeAt.toISOString();
        effects.push({ kind: 'scheduleWake', at });
        const state: RunState = { ...input.state, currentNodeId: node.id, status: 'waiting', wakeAt: at, visits, waitingFor: outcome.waitingFor };
        return { state, effects };
      }
      case 'finish':
        nextId = null;
        break;
      default:
        return assertNever(outcome);
    }
  }
  return { state: over(input.state, visits, 'finished'), effects };
}

const NO_WINNERS: Readonly<Record<string, string>> = Object.freeze({});

function runNode(node: FlowNode, ctx: StepContext): Outcome {
  return runnerOf(node).enter(node, ctx);
}

/** TypeScript cannot tie `runners[node.type]` to `node`'s data by itself; the registry's mapped
 *  type guarantees they match, so the widening is done once, here. */
function runnerOf(node: FlowNode): NodeRunner<NodeType> {
  return runners[node.type] as unknown as NodeRunner<NodeType>;
}

function stopped(input: StepInput, visits: Record<string, number>, effects: Effect[], reason: StopReason, nodeId: string): StepResult {
  return { state: over(input.state, visits, 'stopped'), effects: [...effects, { kind: 'runStopped', reason, nodeId }] };
}

function over(state: RunState, visits: Record<string, number>, status: 'finished' | 'stopped'): RunState {
  return { ...state, currentNodeId: null, status, wakeAt: null, visits, waitingFor: null };
}

/** Own properties only: a node id such as `constructor` must not read Object.prototype. */
function visitCount(visits: Record<string, number>, nodeId: string): number {
  return Object.hasOwn(visits, nodeId) ? (visits[nodeId] ?? 0) : 0;
}

function sameInstant(a: string, b: string | null): boolean {
  return b !== null && Date.parse(a) === Date.parse(b);
}

// Zones are few (one per workspace) and checking one costs a formatter, so answers are kept.
const zoneValidity = new Map<string, boolean>();
/** Bounds the cache, since zone names come from stored data; real workspaces use a handful. */
const ZONE_CACHE_LIMIT = 1000;

/** Judged by luxon, as nextWakeAt is, so the engine accepts exactly the zones the maths can use. */
function isValidZone(timeZone: string, now: Date): boolean {
  let valid = zoneValidity.get(timeZone);
  if (valid === undefined) {
    valid = DateTime.fromJSDate(now, { zone: timeZone }).isValid;
    if (zoneValidity.size < ZONE_CACHE_LIMIT) zoneValidity.set(timeZone, valid);
  }
  return valid;
}
