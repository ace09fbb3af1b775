import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { linkClicks, sends } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

// Clicks on tracked links: which send of a run carried the link, and whether it was clicked before.

/** The run's latest send to the friend whose messages hold `path` (strpos, not LIKE: a token may hold `_`). */
export async function findSendCarrying(tx: Tx, runId: string, friendId: string, path: string): Promise<{ id: string; scenarioId: string | null; nodeId: string | null } | undefined> {
  const [send] = await tx.select({ id: sends.id, scenarioId: sends.scenarioId, nodeId: sends.nodeId }).from(sends)
    .where(and(eq(sends.runId, runId), eq(sends.friendId, friendId), sql`strpos(${sends.messages}::text, ${path}) > 0`))
    .orderBy(desc(sends.seq)).limit(1);
  return send;
}

/** Whether the friend already clicked this link from this send (or, with no send, from none). */
export async function hasClicked(tx: Tx, friendId: string, linkId: string, sendId: string | undefined): Promise<boolean> {
  const [earlier] = await tx.select({ id: linkClicks.id }).from(linkClicks)
    .where(and(eq(linkClicks.friendId, friendId), eq(linkClicks.linkId, linkId), sendId ? eq(linkClicks.sendId, sendId) : isNull(linkClicks.sendId)))
    .limit(1);
  return earlier !== undefined;
}

export async function insertLinkClick(tx: Tx, row: typeof linkClicks.$inferInsert): Promise<void> {
  await tx.insert(linkClicks).values(row);
}
