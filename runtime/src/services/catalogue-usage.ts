import { sql } from 'drizzle-orm';
import type { CatalogueUsage } from '@lsb/shared/api';
import type { Tx } from '../store/tx.ts';

export type UsageKind = 'tag' | 'field' | 'link';

/**
 * Who refers to a catalogue id. Ids are UUIDs, so a textual search of the stored graph JSON finds
 * every reference: node data, conditions and `{field:<id>}` placeholders in message texts alike.
 * A published version counts while it can still act: it is the live version of a scenario that is
 * not archived, or a run still stands on it.
 */
export async function catalogueUsage(tx: Tx, workspaceId: string, kind: UsageKind, id: string): Promise<CatalogueUsage> {
  const friendCount = kind === 'tag'
    ? sql`select count(*)::int as n from friend_tags where workspace_id = ${workspaceId} and tag_id = ${id}`
    : kind === 'field'
      ? sql`select count(*)::int as n from friends where workspace_id = ${workspaceId} and fields ? ${id}`
      : sql`select count(distinct friend_id)::int as n from link_clicks where workspace_id = ${workspaceId} and link_id = ${id}`;
  const [friends, drafts, published] = await Promise.all([
    tx.execute<{ n: number }>(friendCount),
    tx.execute<{ id: string; name: string }>(sql`
      select id, name from scenarios
      where workspace_id = ${workspaceId} and state <> 'archived' and strpos(draft::text, ${id}) > 0
      order by name`),
    tx.execute<{ id: string; name: string }>(sql`
      select distinct s.id, s.name from scenario_versions v join scenarios s on s.id = v.scenario_id
      where v.workspace_id = ${workspaceId} and strpos(v.graph::text, ${id}) > 0
        and ((s.state <> 'archived' and s.current_version_id = v.id)
          or exists (select 1 from runs r where r.version_id = v.id and r.status in ('running', 'waiting', 'held')))
      order by s.name`),
  ]);
  return { friends: friends.rows[0]?.n ?? 0, drafts: drafts.rows, published: published.rows };
}

export const isUnused = (usage: CatalogueUsage) => usage.friends === 0 && usage.drafts.length === 0 && usage.published.length === 0;

/** Replaces every string equal to `from` with `to`; arrays of ids lose the duplicates this makes. */
export function replaceId(value: unknown, from: string, to: string): unknown {
  if (typeof value === 'string') return value === from ? to : value.replaceAll(`{field:${from}`, `{field:${to}`);
  if (Array.isArray(value)) {
    const mapped = value.map((item) => replaceId(item, from, to));
    const hadFrom = value.includes(from);
    return hadFrom ? mapped.filter((item, index) => typeof item !== 'string' || mapped.indexOf(item) === index) : mapped;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceId(item, from, to)]));
  }
  return value;
}
