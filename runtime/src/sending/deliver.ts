import type { Db } from '../db/pool.ts';
import type { Clock } from '../clock.ts';
import type { SendOutcome } from '../line/port.ts';
import { deferSendBatch, settleSendBatch, type SendBatch } from '../store/send-batches.ts';

export interface SendGateway {
  /** Waits for the channel's shared rate budget, then calls LINE. */
  push(channelId: string, body: { to: string; messages: unknown[]; customAggregationUnits?: string[] }, retryKey: string): Promise<SendOutcome>;
  multicast(channelId: string, body: { to: string[]; messages: unknown[]; customAggregationUnits?: string[] }, retryKey: string): Promise<SendOutcome>;
}

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
export async function deliverBatch(db: Db, clock: Clock, gateway: SendGateway, batch: SendBatch): Promise<SendOutcome['kind']> {
  const { key, members, channelId, messages } = batch;
  // Only a node that names a unit sends one: LINE allows 1,000 units a month, for accounts that applied.
  const units = batch.aggregationUnit ? { customAggregationUnits: [batch.aggregationUnit] } : {};
  const outcome = members.length === 1
    ? await gateway.push(channelId, { to: members[0]!.lineUserId, messages, ...units }, key)
    : await gateway.multicast(channelId, { to: members.map((m) => m.lineUserId), messages, ...units }, key);
  switch (outcome.kind) {
    case 'accepted':
    case 'alreadyAccepted':
      await settleSendBatch(db, key, 'sent', outcome.kind === 'alreadyAccepted' ? { retryKeyReplayed: true as const } : {}, clock.now());
      break;
    case 'rejected':
      await settleSendBatch(db, key, 'failed', { status: outcome.status, reason: outcome.reason }, clock.now());
      break;
    case 'retryable':
    case 'rateLimited':
      if (batch.attempts >= SEND_RETRY_LIMIT) {
        const status = outcome.kind === 'rateLimited' ? 429 : (outcome.status ?? 0);
        await settleSendBatch(db, key, 'failed', { status, reason: `LINE ${outcome.kind} after ${batch.attempts} attempts: ${outcome.reason}` }, clock.now());
      } else {
        await deferSendBatch(db, key, new Date(clock.now().getTime() + retryDelayMs(batch.attempts)));
      }
      break;
  }
  return outcome.kind;
}
