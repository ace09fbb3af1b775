import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, jsonb } from 'drizzle-orm/pg-core';
import type { TimelineKind } from '@lsb/shared/api';
import { channels, workspaces } from './workspaces.ts';
import { inflowRoutes, tags } from './catalogue.ts';

/**
 * A transaction id (PostgreSQL's 64-bit `xid8`, never wrapping), compared only in SQL: which
 * transactions a snapshot could not see is decided by them, not by clock times, which a transaction
 * that started early and committed late would get wrong.
 */
export const xid8 = customType<{ data: string }>({ dataType: () => 'xid8' });

export const friends = pgTable(
  'friends',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // No key to the workspace: the channel's key cascades a deleted workspace (a channel belongs to
    // one), and each key is a query per new friend, locking the workspace's row (migration 0034).
    workspaceId: uuid('workspace_id').notNull(),
    channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
    lineUserId: text('line_user_id').notNull(),
    displayName: text('display_name').notNull().default(''),
    pictureUrl: text('picture_url'),
    status: text('status', { enum: ['active', 'blocked'] }).notNull().default('active'),
    inflowRouteId: uuid('inflow_route_id').references(() => inflowRoutes.id, { onDelete: 'set null' }),
    /** Friend-info values keyed by field id; typed by the field's kind, parsed on read. */
    fields: jsonb('fields').$type<Record<string, unknown>>().notNull().default({}),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
    lastReactionAt: timestamp('last_reaction_at', { withTimezone: true }),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    /**
     * The transaction that last blocked the friend, set by a trigger whoever writes the status
     * (migration 0041): a cohort batch's claim finds the members who blocked after its step read
     * them by this, instead of reading every member's row (store/cohort-batches.ts).
     */
    blockedXid: xid8('blocked_xid'),
    /**
     * How far this friend's own clock runs ahead of the real one. Only the simulator moves it
     * (fast-forward): the engine steps the friend's runs at real now + offset, so a virtual friend
     * can live through days in seconds while real friends (offset 0) are untouched.
     */
    clockOffsetMs: bigint('clock_offset_ms', { mode: 'number' }).notNull().default(0),
    /**
     * The LINE profile (display name, picture): `pending` while LINE has not answered (a `{name}`
     * message without a fallback waits for it), `fetched`, or `unavailable` (LINE says no such
     * profile, or retries ran out).
     */
    profileStatus: text('profile_status', { enum: ['pending', 'fetched', 'unavailable'] }).notNull().default('fetched'),
    /** A tester receives broadcast test-sends (set on the friend page). */
    isTester: boolean('is_tester').notNull().default(false),
  },
  (t) => [
    uniqueIndex('friends_channel_user').on(t.channelId, t.lineUserId),
    // No index on the workspace alone: this one, which starts with it, answers the same lookups,
    // and each index is an entry written per new friend and per update that cannot stay in place.
    // The friends page: newest first, keyset-paginated, so the first page reads a few index entries.
    index('friends_workspace_registered').on(t.workspaceId, t.registeredAt.desc(), t.id.desc()),
    // A workspace's blocked friends by the transaction that blocked them: a claim reads the few
    // blocked since its batches' step. Written only when a friend blocks (or is refollowed, leaving it).
    index('friends_blocked_since').on(t.workspaceId, t.blockedXid).where(sql`status = 'blocked'`),
  ],
);

/**
 * What segment conditions read about a friend's tags and fields, in a narrow row of its own (about
 * a quarter of the friends row), typed, so a count over 1,000,000 friends scans little and tests
 * integers and floats instead of uuids and jsonb. Derived, never written by the application:
 * statement-level triggers keep it: on friends (insert, and updates of `fields`) and on friend_tags
 * (migrations 0020 and 0025). Arrays are indexed by the field's slot
 * (segment_field_slots): `strs[k]` the value when it is a JSON string, `nums[k]` when a number,
 * `dates[k]` yyyymmdd when a string of the stored date form; `set_slots` the slots whose value is
 * neither missing, null nor ''. `tag_nums` holds tags.num of the friend's friend_tags (a tag's
 * number never changes and is never reused).
 */
export const friendSegmentFacts = pgTable(
  'friend_segment_facts',
  {
    friendId: uuid('friend_id').primaryKey().references(() => friends.id, { onDelete: 'cascade' }),
    workspaceId: uuid('workspace_id').notNull(),
    tagNums: integer('tag_nums').array().notNull().default(sql`'{}'::int4[]`),
    setSlots: integer('set_slots').array().notNull().default(sql`'{}'::int4[]`),
    nums: doublePrecision('nums').array(),
    dates: integer('dates').array(),
    strs: text('strs').array(),
  },
  (t) => [index('friend_segment_facts_workspace').on(t.workspaceId), index('friend_segment_facts_tags').using('gin', t.tagNums)],
);

/**
 * Each friends.fields key of a workspace gets a small slot number the first time a friend holds a
 * value under it (any key, so the facts agree with the jsonb whatever wrote it); slots are never
 * reused. Assigned by the facts trigger under a per-workspace advisory lock.
 */
export const segmentFieldSlots = pgTable(
  'segment_field_slots',
  {
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    slot: integer('slot').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] }), uniqueIndex('segment_field_slots_slot').on(t.workspaceId, t.slot)],
);

export const friendTags = pgTable(
  'friend_tags',
  {
    // No key to workspaces: the friend's cascades a deleted workspace, and a cohort's tag write skips
    // one key check a row.
    workspaceId: uuid('workspace_id').notNull(),
    friendId: uuid('friend_id').notNull().references(() => friends.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id').notNull().references(() => tags.id, { onDelete: 'cascade' }),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.friendId, t.tagId] }), index('friend_tags_tag').on(t.tagId, t.friendId)],
);

/** Everything that happened to a friend, newest first in the UI. */
export const timelineEntries = pgTable(
  'timeline_entries',
  {
    // In write order: each insert appends to the key's last page, where a random uuid key wrote a
    // random page of the index per entry (migration 0026). It only breaks ties between equal times.
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign keys: the timeline takes a few rows per friend-step, where every key is a query per
    // row. A deleted friend (its workspace or channel deleted) takes its entries with it through a
    // statement-level trigger on friends (migration 0024), as the cascade did.
    workspaceId: uuid('workspace_id').notNull(),
    friendId: uuid('friend_id').notNull(),
    kind: text('kind').$type<TimelineKind>().notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('timeline_friend_at').on(t.friendId, t.at)],
);
