import { Type, type Static } from 'typebox';

// The statuses of runs and sends, defined once: the database columns, the engine, the API and the
// editor all use these names.

/** running: being stepped; waiting: a timer or an event is pending; held: the friend blocked us; finished/stopped: over. */
export const RunStatus = Type.Union([Type.Literal('running'), Type.Literal('waiting'), Type.Literal('held'), Type.Literal('finished'), Type.Literal('stopped')]);
export type RunStatus = Static<typeof RunStatus>;

/** A run in one of these still has a future (`scenario: running` in segments, re-entry policies). */
export const IN_PROGRESS_RUN_STATUSES = ['running', 'waiting', 'held'] as const satisfies readonly RunStatus[];
/** A run in one of these is over: it has a finished_at. */
export const ENDED_RUN_STATUSES = ['finished', 'stopped'] as const satisfies readonly RunStatus[];
export const isRunOver = (status: RunStatus): status is (typeof ENDED_RUN_STATUSES)[number] =>
  (ENDED_RUN_STATUSES as readonly RunStatus[]).includes(status);

/** queued: waiting for its job; sending: claimed into a LINE request; sent; failed (LINE refused); cancelled (the friend blocked us);
 *  skipped: the friend had reached the workspace's message cap and the send said to skip. */
export const SendStatus = Type.Union([
  Type.Literal('queued'), Type.Literal('sending'), Type.Literal('sent'), Type.Literal('failed'), Type.Literal('cancelled'), Type.Literal('skipped'),
]);
export type SendStatus = Static<typeof SendStatus>;

/** Every run status, in the order above (the runs.status column's values). */
export const RUN_STATUSES = RunStatus.anyOf.map((literal) => literal.const) as [RunStatus, ...RunStatus[]];
/** Every send status (the sends.status column's values). */
export const SEND_STATUSES = SendStatus.anyOf.map((literal) => literal.const) as [SendStatus, ...SendStatus[]];

/** What a send does when the friend has reached the workspace's message cap (配信上限): go anyway
 *  (`always`, transactional messages; still counted), wait until the day or week allows, or skip. */
export const CapPolicy = Type.Union([Type.Literal('always'), Type.Literal('hold'), Type.Literal('skip')]);
export type CapPolicy = Static<typeof CapPolicy>;
export const CAP_POLICIES = CapPolicy.anyOf.map((literal) => literal.const) as [CapPolicy, ...CapPolicy[]];
