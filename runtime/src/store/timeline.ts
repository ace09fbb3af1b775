import { and, asc, eq } from 'drizzle-orm';
import type { TimelineEvent, TimelineKind } from '@lsb/shared/api';
import { timelineEntries } from '../db/schema/index.ts';
import { bulkInsert } from './bulk-insert.ts';
import type { Tx } from './tx.ts';

export interface TimelineWrite {
  friend: { id: string; workspaceId: string };
  /** A kind from shared's TimelineEvent with the detail that kind carries. */
  event: TimelineEvent;
  at: Date;
}

/** The one writer of friends' timelines: typed events, any number of them in one multi-row insert. */
export async function recordTimeline(tx: Tx, entries: readonly TimelineWrite[]): Promise<void> {
  // One array parameter per column (bulk-insert.ts): a cohort's thousands of entries stay one small statement.
  await bulkInsert(tx, 'timeline_entries', [
    { name: 'workspace_id', type: 'uuid', value: (e) => e.friend.workspaceId },
    { name: 'friend_id', type: 'uuid', value: (e) => e.friend.id },
    { name: 'kind', type: 'text', value: (e) => e.event.kind },
    { name: 'detail', type: 'jsonb', value: (e) => e.event.detail },
    { name: 'at', type: 'timestamptz', value: (e) => e.at },
  ], entries);
}

/** A friend's entries of one kind, oldest first. */
export function timelineOfKind(db: Tx, friendId: string, kind: TimelineKind): Promise<Array<{ at: Date; detail: unknown }>> {
  return db.select({ at: timelineEntries.at, detail: timelineEntries.detail }).from(timelineEntries)
    .where(and(eq(timelineEntries.friendId, friendId), eq(timelineEntries.kind, kind))).orderBy(asc(timelineEntries.at), asc(timelineEntries.id));
}
