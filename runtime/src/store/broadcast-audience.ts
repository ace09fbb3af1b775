import { sql, type SQL } from 'drizzle-orm';
import { waitingForReplySql } from './caps.ts';

// Who a broadcast occurrence is for, as SQL over a friends row `f` (counted and frozen with it).

/** Who the occurrence is for: the audience's predicate over `f` and what the options leave out. */
export interface AudienceQuery {
  where: SQL;
  skipWaitingForReply: boolean;
  /** Friends over the frequency cap (a predicate over `f`), when caps apply. */
  overCap?: SQL;
}

export function skipReasonSql(query: AudienceQuery): SQL {
  const whens: SQL[] = [];
  if (query.skipWaitingForReply) whens.push(sql`when ${waitingForReplySql()} then 'waiting_for_reply'`);
  if (query.overCap) whens.push(sql`when ${query.overCap} then 'over_cap'`);
  return whens.length ? sql`(case ${sql.join(whens, sql` `)} else null end)` : sql`null::text`;
}
