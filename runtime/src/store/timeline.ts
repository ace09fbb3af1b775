import type { TimelineEvent } from '@lsb/shared/api';
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
