import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { inflowRoutes } from './catalogue.ts';
import { friends } from './friends.ts';
import { channels, workspaces } from './workspaces.ts';

/**
 * A LINE Login round trip in flight: the `state` sent to LINE, bound to the route it started on.
 * Deleted when the callback uses it, so a replayed callback finds nothing.
 */
export const inflowLoginStates = pgTable('inflow_login_states', {
  state: text('state').primaryKey(),
  workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
  inflowRouteId: uuid('inflow_route_id').notNull().references(() => inflowRoutes.id, { onDelete: 'cascade' }),
  channelId: uuid('channel_id').notNull().references(() => channels.id, { onDelete: 'cascade' }),
  nonce: text('nonce').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/**
 * Each time a friend arrived through a route: by following (`follow`) or by opening the route while
 * already a friend (`landing`). Decides "first time only" and feeds the route report.
 */
export const inflowArrivals = pgTable(
  'inflow_arrivals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: uuid('workspace_id').notNull().references(() => workspaces.workspaceId, { onDelete: 'cascade' }),
    inflowRouteId: uuid('inflow_route_id').notNull().references(() => inflowRoutes.id, { onDelete: 'cascade' }),
    friendId: uuid('friend_id').notNull().references(() => friends.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['follow', 'landing'] }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('inflow_arrivals_route_at').on(t.inflowRouteId, t.at), index('inflow_arrivals_friend').on(t.friendId, t.inflowRouteId)],
);
