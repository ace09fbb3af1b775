import { assertNever } from '@lsb/shared';
import { Type } from 'typebox';
import { Compile } from 'typebox/compile';
import type { RunStatus } from '@lsb/shared';
import type { RunState, WaitingFor } from './types.ts';

// runs.state is jsonb written by older (or newer) code and typed only at compile time, so every
// read goes through parseRunState. Fields added after the first release are optional here and get
// their neutral value, so a run parked before a deploy still wakes after it.

const WaitingForSchema = Type.Union([
  Type.Object({ event: Type.Literal('linkClicked'), linkId: Type.Optional(Type.String()) }),
  Type.Object({ event: Type.Literal('replied') }),
  Type.Object({ event: Type.Literal('postback'), data: Type.Optional(Type.String()) }),
  Type.Object({ event: Type.Literal('tagAdded'), tagId: Type.String() }),
  Type.Object({ event: Type.Literal('profile') }),
  Type.Object({ event: Type.Literal('conversion'), pointId: Type.Optional(Type.String()) }),
]);

const StoredRunState = Type.Object({
  currentNodeId: Type.Union([Type.String({ minLength: 1 }), Type.Null()]),
  /** Written by releases before the status lived in runs.status alone; ignored on read. */
  status: Type.Optional(Type.String()),
  wakeAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  visits: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
  seed: Type.Integer({ minimum: 0, maximum: 0xffff_ffff }),
  waitingFor: Type.Optional(Type.Union([WaitingForSchema, Type.Null()])),
});

const check = Compile(StoredRunState);

export class RunStateError extends Error {
  constructor(detail: string) {
    super(`Invalid run state: ${detail}`);
    this.name = 'RunStateError';
  }
}

/** A run that has not entered its trigger yet; `seed` should come from a real random source. */
export function initialRunState(seed: number): RunState {
  return { currentNodeId: null, status: 'running', wakeAt: null, visits: {}, seed: seed >>> 0, waitingFor: null };
}

/**
 * Reads stored state with the run's status (runs.status, the one place a status is kept); throws
 * RunStateError (never returns a half-valid state) when it is not one.
 */
export function parseRunState(json: unknown, status: RunStatus): RunState {
  if (!check.Check(json)) {
    const first = check.Errors(json)[0];
    throw new RunStateError(first ? `${first.instancePath || '/'} ${first.message}` : 'not an object');
  }
  return {
    currentNodeId: json.currentNodeId,
    status,
    wakeAt: json.wakeAt,
    visits: { ...json.visits },
    seed: json.seed,
    waitingFor: copyWaitingFor(json.waitingFor ?? null),
  };
}

/** Copies only the known keys, so stray properties in stored JSON never travel on. */
function copyWaitingFor(w: WaitingFor | null): WaitingFor | null {
  if (w === null) return null;
  switch (w.event) {
    case 'linkClicked':
      return w.linkId === undefined ? { event: w.event } : { event: w.event, linkId: w.linkId };
    case 'replied':
    case 'profile':
      return { event: w.event };
    case 'postback':
      return w.data === undefined ? { event: w.event } : { event: w.event, data: w.data };
    case 'tagAdded':
      return { event: w.event, tagId: w.tagId };
    case 'conversion':
      return w.pointId === undefined ? { event: w.event } : { event: w.event, pointId: w.pointId };
    default:
      return assertNever(w);
  }
}

/** The JSON runs.state holds: everything but the status, which runs.status keeps. */
export function storedRunState(state: RunState): Omit<RunState, 'status'> {
  // Field by field: the object rest copy it replaces stood out in a cohort's profile (once per run written).
  return { currentNodeId: state.currentNodeId, wakeAt: state.wakeAt, visits: state.visits, seed: state.seed, waitingFor: state.waitingFor };
}
