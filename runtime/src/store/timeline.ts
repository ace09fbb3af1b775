import type { TimelineEvent } from '@lsb/shared/api';
import { timelineEntries } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

export interface TimelineWrite {
  friend: { id: string; workspaceId: string };
  /** A kind from shared's TimelineEvent with the detail that kind carries. */
  event: TimelineEvent;
  at: Date;
}

/** The one writer of friends' timelines: typed events, any number of them in one multi-row insert. */
export async function recordTimeline(tx: Tx, entries: readonly TimelineWrite[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.insert(timelineEntries).values(entries.map(({ friend, event, at }) => ({
    workspaceId: friend.workspaceId, friendId: friend.id, kind: event.kind, detail: event.detail as Record<string, unknown>, at,
  })));
}
