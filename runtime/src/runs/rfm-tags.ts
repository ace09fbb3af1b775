import { Compile } from 'typebox/compile';
import { RfmSettings } from '@lsb/shared/api';
import type { Db } from '../db/pool.ts';
import { compileCondition } from '../segments/compile.ts';
import { queueJobs } from '../store/jobs.ts';
import { QUEUES } from '../store/queues.ts';
import { rfmWorkspacesWithTags, syncBandTag } from '../store/rfm.ts';
import { recordTimeline } from '../store/timeline.ts';
import type { RunContext } from './context.ts';

const checkSettings = Compile(RfmSettings);
const METRICS = ['recency', 'frequency', 'monetary'] as const;

/**
 * RFM auto-tags: each band with a tag keeps it on exactly the friends in the band (recency moves
 * with time, so this runs on a schedule; a conversion changes frequency and monetary at once, and
 * the next pass follows). One transaction per workspace; added tags fire tag triggers like a bulk
 * action's. Returns how many tags were added.
 */
export async function applyRfmAutoTags(db: Db, ctx: Pick<RunContext, 'boss' | 'clock'>): Promise<number> {
  let total = 0;
  for (const workspace of await rfmWorkspacesWithTags(db)) {
    if (!checkSettings.Check(workspace.settings)) continue;
    const settings = workspace.settings;
    const now = ctx.clock.now();
    await db.transaction(async (tx) => {
      for (const metric of METRICS) {
        for (const band of settings[metric]) {
          if (!band.tagId) continue;
          const condition = { kind: 'rfm' as const, metric, ...(band.min === undefined ? {} : { min: band.min }), ...(band.max === undefined ? {} : { max: band.max }) };
          const compiled = compileCondition(condition, { now, timeZone: workspace.timeZone });
          const added = await syncBandTag(tx, workspace.workspaceId, band.tagId, compiled, now);
          total += added.length;
          const tagId = band.tagId;
          await recordTimeline(tx, added.map((a) => ({ friend: { id: a.friendId, workspaceId: workspace.workspaceId }, event: { kind: 'tag_added' as const, detail: { tagId, by: 'bulk' as const } }, at: now })));
          await queueJobs(ctx.boss, tx, QUEUES.activity, added.filter((a) => a.active).map((a) => ({ data: { friendId: a.friendId, activity: { kind: 'tagAdded' as const, tagId } } })));
        }
      }
    });
  }
  return total;
}
