import { boolean, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// The tenant table carries workspace_id as its own key, so every table has the column.
export const workspaces = pgTable('workspaces', {
  workspaceId: uuid('workspace_id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
  /** 配信時間帯: DeliveryWindowRule[] every scenario send keeps to unless its node opts out; [] = any time.
   *  Typed unknown: parsed on read (readDeliveryWindows). */
  deliveryWindows: jsonb('delivery_windows').$type<unknown>().notNull().default([]),
  /** 配信上限: at most this many messages per friend per calendar day / ISO week (Monday) in the
   *  workspace's zone, scenario and broadcast sends alike; null = no limit (store/caps.ts). */
  capPerDay: integer('cap_per_day'),
  capPerWeek: integer('cap_per_week'),
  /** The organization (agency or business) that owns it; null only for the demo workspace seeded
   *  before the first-run owner exists (the owner's organization claims it). No FK: accounts.ts refers here. */
  organizationId: uuid('organization_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const channels = pgTable('channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  name: text('name').notNull(),
  lineChannelId: text('line_channel_id').notNull(),
  /** AES-GCM ciphertexts (see crypto/secrets.ts): credentials are never stored or returned in clear. */
  channelSecretEnc: text('channel_secret_enc').notNull(),
  accessTokenEnc: text('access_token_enc').notNull(),
  /** True for the built-in fake LINE server used by the demo and tests. */
  isFake: boolean('is_fake').notNull().default(false),
  /** LINE Login channel linked to this Official Account (inflow routes identify users with it). */
  loginChannelId: text('login_channel_id'),
  loginChannelSecretEnc: text('login_channel_secret_enc'),
  /** The account's basic ID (@xxxx), for the add-friend URL line.me/R/ti/p/@xxxx. */
  basicId: text('basic_id'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});
