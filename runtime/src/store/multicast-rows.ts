import type { SendBatch } from './send-batches.ts';

/** A claimed multicast kept as one row (a batched broadcast's or a cohort's), as the claim returns it. */
export type MulticastRow = {
  retry_key: string; channel_id: string; messages: unknown[]; attempts: number; aggregation_unit: string | null;
  /** Null when no member is left (a subquery over none). */
  friend_ids: string[] | null; line_user_ids: string[] | null;
};

/** Those rows as the sender's batches (members are friend ids); a row left with no member is no request. */
export function multicastBatches(rows: readonly MulticastRow[], kind: 'broadcast' | 'cohort'): SendBatch[] {
  return rows.filter((row) => row.friend_ids?.length).map((row) => ({
    key: row.retry_key, channelId: row.channel_id, messages: row.messages, attempts: row.attempts, [kind]: true as const,
    members: row.friend_ids!.map((id, i) => ({ id, lineUserId: row.line_user_ids![i]! })),
    ...(row.aggregation_unit ? { aggregationUnit: row.aggregation_unit } : {}),
  }));
}
