import { nodeClickers } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

/** A friend's first click on any tracked link of a node's sends (the node's unique clicks). */
export async function recordNodeClicker(tx: Tx, row: { workspaceId: string; scenarioId: string; nodeId: string; friendId: string; at: Date }): Promise<void> {
  await tx.insert(nodeClickers).values(row).onConflictDoNothing();
}
