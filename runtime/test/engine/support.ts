import { parseFlowGraph, type DeliveryWindowRule, type FlowEdge, type FlowGraph, type FlowNode, type FriendFacts, type NodeData, type NodeType } from '@lsb/shared';
import { initialRunState, step } from '../../src/engine/step.ts';
import type { Effect, EngineEvent, EngineFriend, FriendActivity, RunState, StepResult } from '../../src/engine/types.ts';

// Fixture graphs are written as [id, type, data] rows and `source:handle -> target` edges, then
// go through parseFlowGraph exactly as stored graphs do, so a typo fails here, not in a test.

export type NodeRow = { [K in NodeType]: [id: string, type: K, data: NodeData<K>] }[NodeType];

export function graph(rows: NodeRow[], edges: string[]): FlowGraph {
  const nodes = rows.map(([id, type, data], i) => ({ id, type, position: { x: 0, y: i * 100 }, data }) as FlowNode);
  const flowEdges: FlowEdge[] = edges.map((text, i) => {
    const match = /^\s*([^:\s]+):(\S+)\s*->\s*(\S+)\s*$/.exec(text);
    if (!match) throw new Error(`bad edge ${text}`);
    const [, source = '', sourceHandle = '', target = ''] = match;
    return { id: `e${i}`, source, sourceHandle, target };
  });
  return parsed({ schemaVersion: 1, nodes, edges: flowEdges });
}

export function parsed(json: unknown): FlowGraph {
  const result = parseFlowGraph(json);
  if (!result.ok) throw new Error(`fixture does not parse: ${JSON.stringify(result.issues)}`);
  return result.graph;
}

export const manualTrigger: NodeData<'trigger'> = { trigger: { kind: 'manual' }, reentry: 'everyTime' };
export const text = (t: string): NodeData<'send'> => ({ messages: [{ type: 'text', text: t }] });

export function facts(overrides: Partial<FriendFacts> = {}): FriendFacts {
  return {
    status: 'active',
    inflowRouteId: null,
    fields: {},
    registeredAt: new Date('2026-01-01T00:00:00Z'),
    lastReactionAt: null,
    tagIds: new Set(),
    runs: [],
    clickedLinkIds: new Set(),
    receivedSends: [],
    conversionNames: new Set(),
    ...overrides,
  };
}

export function friend(overrides: Partial<FriendFacts> = {}, displayName = '山田'): EngineFriend {
  return { displayName, facts: facts(overrides) };
}

export const TOKYO = 'Asia/Tokyo';

export interface Call {
  graph: FlowGraph;
  state?: RunState;
  event?: EngineEvent;
  friend?: EngineFriend;
  timeZone?: string;
  /** The workspace's 配信時間帯 (none by default). */
  deliveryWindows?: DeliveryWindowRule[];
  /** Decided random-split winners (node id → branch id). */
  splitWinners?: Record<string, string>;
  now: string;
}

/** step() with defaults: a fresh run (seed 1) started at node `t`, a plain friend, Tokyo. */
export function run(call: Call): StepResult {
  return step({
    graph: call.graph,
    state: call.state ?? initialRunState(1),
    event: call.event ?? { kind: 'start', triggerNodeId: 't' },
    friend: call.friend ?? friend(),
    timeZone: call.timeZone ?? TOKYO,
    ...(call.deliveryWindows ? { deliveryWindows: call.deliveryWindows } : {}),
    ...(call.splitWinners ? { splitWinners: call.splitWinners } : {}),
    now: new Date(call.now),
  });
}

export function sentTexts(effects: Effect[]): string[] {
  return effects.flatMap((e) => (e.kind === 'send' ? e.messages.map((m) => (m as { text?: string }).text ?? '?') : []));
}

export function entered(effects: Effect[]): string[] {
  return effects.flatMap((e) => (e.kind === 'enteredNode' ? [e.nodeId] : []));
}

/** Applies tag and field effects the way the interpreter does, for multi-step journeys. */
export function applyToFriend(f: EngineFriend, effects: Effect[]): EngineFriend {
  let tagIds = new Set(f.facts.tagIds);
  let fields = { ...f.facts.fields };
  for (const e of effects) {
    if (e.kind === 'addTags') tagIds = new Set([...tagIds, ...e.tagIds]);
    if (e.kind === 'removeTags') tagIds = new Set([...tagIds].filter((t) => !e.tagIds.includes(t)));
    if (e.kind === 'setField') fields = { ...fields, [e.fieldId]: e.value };
  }
  return { ...f, facts: { ...f.facts, tagIds, fields } };
}

export interface Delivery {
  at: string;
  /** The send node, so journeys over fixture graphs read as a list of nodes. */
  nodeId: string;
  texts: string[];
}

/** Something the friend does while the run waits: at `at`, if the run is still waiting then. */
export interface Happening {
  at: string;
  activity: FriendActivity;
}

export interface JourneyOptions {
  startAt: string;
  triggerNodeId?: string;
  friend?: EngineFriend;
  timeZone?: string;
  seed?: number;
  /** Activities in time order; each is delivered if it comes before the run's next wake. */
  happenings?: Happening[];
  limit?: number;
}

/**
 * A friend's whole journey with an injected clock: start at `startAt`, then deliver each happening
 * or fire each scheduled wake exactly at its instant, whichever is first, applying effects between
 * steps as the interpreter would, until the run is over or `limit` steps have run.
 */
export function journey(g: FlowGraph, opts: JourneyOptions) {
  let who = opts.friend ?? friend();
  let state = initialRunState(opts.seed ?? 1);
  let now = opts.startAt;
  let event: EngineEvent = { kind: 'start', triggerNodeId: opts.triggerNodeId ?? 't' };
  const pending = [...(opts.happenings ?? [])];
  const deliveries: Delivery[] = [];
  const all: Effect[] = [];
  for (let i = 0; i < (opts.limit ?? 50); i++) {
    const result = run({ graph: g, state, event, friend: who, timeZone: opts.timeZone ?? TOKYO, now });
    all.push(...result.effects);
    for (const e of result.effects) {
      if (e.kind === 'send') deliveries.push({ at: new Date(now).toISOString(), nodeId: e.nodeId, texts: e.messages.map((m) => (m as { text?: string }).text ?? (m as { type: string }).type) });
    }
    who = applyToFriend(who, result.effects);
    state = result.state;
    if (state.status !== 'waiting' || state.wakeAt === null) break;
    const next = pending[0];
    if (next && Date.parse(next.at) < Date.parse(state.wakeAt)) {
      pending.shift();
      now = next.at;
      event = { kind: 'activity', activity: next.activity };
    } else {
      now = state.wakeAt;
      event = { kind: 'wake', at: state.wakeAt };
    }
  }
  return { deliveries, state, friend: who, effects: all };
}
