// The runtime's channel, friend and simulator shapes, owned by shared/src/api (type-only, no IO).
export type { Channel, ClockShift, CreateChannelBody, FastForwardResponse, FriendClock, FriendDetail, FriendSummary, InboxResponse, TimelineEntry } from '@lsb/shared/api';

/** One delivery the fake LINE server accepted for a virtual friend: LINE message objects, untrusted. */
export interface InboxEntry {
  at: string;
  messages: unknown[];
}
