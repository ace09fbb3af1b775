import { eq, sql } from 'drizzle-orm';
import { numbered } from './enrolments.ts';
import { rfmSettings } from '../db/schema/index.ts';
import type { Tx } from './tx.ts';

export async function readRfmSettings(db: Tx, workspaceId: string): Promise<unknown> {
  const [row] = await db.select({ settings: rfmSettings.settings }).from(rfmSettings).where(eq(rfmSettings.workspaceId, workspaceId));
  return row?.settings;
}

export async function writeRfmSettings(db: Tx, workspaceId: string, settings: unknown): Promise<void> {
  await db.insert(rfmSettings).values({ workspaceId, settings }).onConflictDoUpdate({ target: rfmSettings.workspaceId, set: { settings } });
}

/** Workspaces whose RFM bands keep auto-tags, with their settings and zone. */
export async function rfmWorkspacesWithTags(db: Tx): Promise<Array<{ workspaceId: string; timeZone: string; settings: unknown }>> {
  const { rows } = await db.execute<{ workspace_id: string; time_zone: string; settings: unknown }>(sql`
    select r.workspace_id, w.time_zone, r.settings from rfm_settings r join workspaces w on w.workspace_id = r.workspace_id
    where jsonb_path_exists(r.settings, '$.*[*].tagId ? (@ != null)')`);
  return rows.map((row) => ({ workspaceId: row.workspace_id, timeZone: row.time_zone, settings: row.settings }));
}

/**
 * Makes `tagId` sit on exactly the friends the compiled band condition matches: adds it where
 * missing (returning those friends) and removes it elsewhere, two set-based statements.
 */
export async function syncBandTag(tx: Tx, workspaceId: string, tagId: string, condition: { sql: string; params: unknown[] }, now: Date): Promise<Array<{ friendId: string; active: boolean }>> {
  const match = numbered(condition.sql, condition.params);
  const added = await tx.execute<{ friend_id: string; active: boolean }>(sql`
    with added as (
      insert into friend_tags (workspace_id, friend_id, tag_id, added_at)
      select f.workspace_id, f.id, ${tagId}::uuid, ${now.toISOString()}::timestamptz from friends f
      where f.workspace_id = ${workspaceId}::uuid and (${match})
        and not exists (select 1 from friend_tags ft where ft.friend_id = f.id and ft.tag_id = ${tagId}::uuid)
      on conflict do nothing returning friend_id)
    select a.friend_id, f.status = 'active' as active from added a join friends f on f.id = a.friend_id`);
  await tx.execute(sql`
    delete from friend_tags ft using friends f
    where ft.tag_id = ${tagId}::uuid and f.id = ft.friend_id and f.workspace_id = ${workspaceId}::uuid and not (${match})`);
  return added.rows.map((row) => ({ friendId: row.friend_id, active: row.active }));
}
