import type { Channel, CreateChannelBody, FastForwardResponse, FriendClock, FriendDetail, FriendSummary, InboxEntry } from './lineTypes.ts';

/**
 * What the simulator and the channel settings ask of the runtime: the workspace's LINE channels
 * and the virtual friends of its built-in fake LINE channel. Kept apart from ScenarioApi so the
 * flow editor's fake does not have to play LINE. Every method rejects with an ApiError.
 */
export interface LineApi {
  listChannels(ws: string): Promise<Channel[]>;
  createChannel(ws: string, input: CreateChannelBody): Promise<Channel>;
  deleteChannel(ws: string, channelId: string): Promise<void>;

  listVirtualFriends(ws: string): Promise<FriendSummary[]>;
  /** Resolves once the signed follow webhook was processed, so the friend exists. */
  addVirtualFriend(ws: string, input: { displayName: string; inflowRouteId?: string }): Promise<FriendSummary>;
  sendText(ws: string, friendId: string, text: string): Promise<void>;
  sendPostback(ws: string, friendId: string, data: string): Promise<void>;
  block(ws: string, friendId: string): Promise<void>;
  unblock(ws: string, friendId: string): Promise<void>;
  /** The friend's clock jumps to their next due wait, which fires; answers how many did and the friend's time. */
  fastForward(ws: string, friendId: string): Promise<FastForwardResponse>;
  /** What LINE delivered, with the friend's own clock (the chat shows times in it). */
  getInbox(ws: string, friendId: string): Promise<{ entries: InboxEntry[]; clock: FriendClock }>;

  getFriend(ws: string, friendId: string): Promise<FriendDetail>;
  setFriendTags(ws: string, friendId: string, change: { add?: string[]; remove?: string[] }): Promise<FriendDetail>;
}
