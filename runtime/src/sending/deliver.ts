import type { Db } from '../db/pool.ts';
import type { Clock } from '../clock.ts';
import type { SendOutcome } from '../line/port.ts';
import { dropBatchUnit, noteUnitRefusal, type UnitRefusal } from '../store/insight.ts';
import { deferBroadcastBatch, dropBroadcastBatchUnit, settleBroadcastBatch } from '../store/broadcast-batches.ts';
import { dropCohortBatchUnit } from '../store/cohort-batches.ts';
import { deferSendBatch, memberIds, type SendBatch, type Settlement } from '../store/send-batches.ts';
import type { SettleQueue } from './settle-queue.ts';

export interface SendGateway {
  /** Waits for the channel's shared rate budget, then calls LINE. */
  push(channelId: string, body: { to: string; messages: unknown[]; customAggregationUnits?: string[] }, retryKey: string): Promise<SendOutcome>;
  multicast(channelId: string, body: { to: string[]; messages: unknown[]; customAggregationUnits?: string[] }, retryKey: string): Promise<SendOutcome>;
}

export interface DeliverDeps { db: Db; clock: Clock; gateway: SendGateway; settles: SettleQueue }

/** LINE keeps a retry key for 24 hours: retries (2 s doubling, at most 10 min apart) end well inside it. */
export const SEND_RETRY_LIMIT = 20;
const RETRY_BASE_MS = 2_000;
const RETRY_MAX_MS = 600_000;

/** Before the next attempt: 2-4 s after the first failure, 4-8 s after the second, … at most 10 min. */
export function retryDelayMs(attempts: number, random = Math.random()): number {
  const base = Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1), RETRY_MAX_MS);
  return Math.min(base + Math.floor(random * base), RETRY_MAX_MS);
}

/**
 * Hands one claimed batch to LINE and settles it. Its key and members were written when it was
 * claimed, so whatever happens after (a crash, a timeout), a later attempt repeats the identical
 * request and LINE's retry-key check makes it idempotent.
 */
export async function deliverBatch(deps: DeliverDeps, batch: SendBatch): Promise<SendOutcome['kind']> {
  const { db, clock, gateway } = deps;
  const { key, members, channelId, messages } = batch;
  // A batched broadcast's multicast is one row of its own table; anything else is send rows,
  // settled together with the other batches answered at the same time.
  const settle = async (status: 'sent' | 'failed', detail: Settlement) => {
    if (batch.broadcast) await settleBroadcastBatch(db, key, status, detail, clock.now());
    else await deps.settles.settle({ batch, status, detail });
  };
  const defer = (until: Date) => batch.broadcast ? deferBroadcastBatch(db, key, until) : deferSendBatch(db, batch, until);
  const request = (unit: string | null | undefined) => {
    const units = unit ? { customAggregationUnits: [unit] } : {};
    return members.length === 1
      ? gateway.push(channelId, { to: members[0]!.lineUserId, messages, ...units }, key)
      : gateway.multicast(channelId, { to: members.map((m) => m.lineUserId), messages, ...units }, key);
  };
  // A unit LINE is already known to refuse was left off at the claim (store/send-batches.ts).
  let outcome = await request(batch.aggregationUnit);
  const refusal = batch.aggregationUnit ? unitRefusal(outcome) : undefined;
  if (refusal) {
    // The message matters more than its statistics: LINE refused the unit (an account that may not
    // use units, or this month's names used up), so the batch loses it for good — written first, so a crash
    // before the answer repeats the unit-less request — and goes again under the same key (a refused
    // request never used it up).
    await (batch.broadcast ? dropBroadcastBatchUnit(db, key)
      : batch.cohort ? dropCohortBatchUnit(db, key) : dropBatchUnit(db, { key, memberIds: memberIds(batch) }));
    outcome = await request(null);
    // Accepted without it: the unit was the trouble, and the measures say so.
    if (outcome.kind === 'accepted' || outcome.kind === 'alreadyAccepted') await noteUnitRefusal(db, channelId, batch.aggregationUnit!, refusal, clock.now());
  }
  switch (outcome.kind) {
    case 'accepted':
    case 'alreadyAccepted':
      await settle('sent', outcome.kind === 'alreadyAccepted' ? { retryKeyReplayed: true as const } : {});
      break;
    case 'rejected':
      await settle('failed', { status: outcome.status, reason: outcome.reason });
      break;
    case 'retryable':
    case 'rateLimited':
      if (batch.attempts >= SEND_RETRY_LIMIT) {
        const status = outcome.kind === 'rateLimited' ? 429 : (outcome.status ?? 0);
        await settle('failed', { status, reason: `LINE ${outcome.kind} after ${batch.attempts} attempts: ${outcome.reason}` });
      } else {
        await defer(new Date(clock.now().getTime() + retryDelayMs(batch.attempts)));
      }
      break;
  }
  return outcome.kind;
}

/**
 * Whether LINE refused the request for its unit: 403 is an account not allowed to use units; a 400
 * whose words name aggregation units is this month's names used up. Any other 400 (a bad message or
 * recipient) is the request's own fault and fails as before, without a second request.
 */
function unitRefusal(outcome: SendOutcome): UnitRefusal | undefined {
  if (outcome.kind !== 'rejected') return undefined;
  if (outcome.status === 403) return 'unavailable';
  const words = `${outcome.reason} ${JSON.stringify(outcome.details ?? [])}`;
  return outcome.status === 400 && /aggregation|customAggregationUnit/i.test(words) ? 'limit' : undefined;
}
