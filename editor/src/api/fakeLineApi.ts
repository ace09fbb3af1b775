import { ApiError } from './errors.ts';
import type { LineApi } from './LineApi.ts';
import type { Channel, FriendDetail, InboxEntry } from './lineTypes.ts';

/** Knobs a test turns: what the fake LINE "delivered", and a stopped runtime. */
export interface FakeLineControls {
  down: boolean;
  calls: string[];
  channels: Channel[];
  friends: Map<string, FriendDetail>;
  inboxes: Map<string, InboxEntry[]>;
  /** What "fast-forward" answers as fired. */
  pendingWaits: number;
  /** Plays the runtime delivering messages to a virtual friend. */
  deliver(friendId: string, messages: unknown[]): void;
}

/**
 * An in-memory LineApi for component tests and the `?api=fake` demo. It records actions and the
 * friend's side of the chat (timeline) but runs no scenario: that needs the runtime.
 */
export function createFakeLineApi(): LineApi & { controls: FakeLineControls } {
  let nextId = 1;
  const now = () => new Date().toISOString();
  const controls: FakeLineControls = {
    down: false,
    calls: [],
    channels: [],
    friends: new Map(),
    inboxes: new Map(),
    pendingWaits: 0,
    deliver(friendId, messages) {
      controls.inboxes.set(friendId, [...(controls.inboxes.get(friendId) ?? []), { at: now(), messages }]);
    },
  };
  const gate = async (name: string) => {
    controls.calls.push(name);
    await Promise.resolve();
    if (controls.down) throw new ApiError(0, 'network', 'Failed to fetch');
  };
  const friend = (id: string) => {
    const f = controls.friends.get(id);
    if (!f) throw new ApiError(404, 'not_found', 'friend not found');
    return f;
  };
  const record = (id: string, kind: string, detail: Record<string, unknown> = {}) => {
    const f = friend(id);
    f.timeline = [{ kind, detail, at: now() }, ...f.timeline];
  };
  const fakeChannel = (ws: string): Channel => ({
    id: `ch-fake-${ws}`, workspaceId: ws, name: 'デモ (Fake LINE)', lineChannelId: '2000000001', isFake: true,
    channelSecretHint: '…0000', accessTokenHint: '…0000', webhookUrl: `http://localhost/webhooks/line/ch-fake-${ws}`, createdAt: now(),
  });

  return {
    controls,
    async listChannels(ws) {
      await gate('listChannels');
      if (!controls.channels.some((c) => c.workspaceId === ws)) controls.channels.push(fakeChannel(ws));
      return structuredClone(controls.channels.filter((c) => c.workspaceId === ws));
    },
    async createChannel(ws, input) {
      await gate('createChannel');
      const id = `ch${nextId++}`;
      const channel: Channel = {
        id, workspaceId: ws, name: input.name, lineChannelId: input.lineChannelId, isFake: false,
        channelSecretHint: `…${input.channelSecret.slice(-4)}`, accessTokenHint: `…${input.channelAccessToken.slice(-4)}`,
        webhookUrl: `http://localhost/webhooks/line/${id}`, createdAt: now(),
      };
      controls.channels.push(channel);
      return structuredClone(channel);
    },
    async deleteChannel(_ws, id) {
      await gate('deleteChannel');
      controls.channels = controls.channels.filter((c) => c.id !== id);
    },
    async listVirtualFriends(ws) {
      await gate('listVirtualFriends');
      return [...controls.friends.values()].filter((f) => f.channelId === `ch-fake-${ws}`).reverse()
        .map(({ tagIds: _t, fields: _f, runs: _r, timeline: _l, ...summary }) => structuredClone(summary));
    },
    async addVirtualFriend(ws, input) {
      await gate('addVirtualFriend');
      const id = `f${nextId++}`;
      const detail: FriendDetail = {
        id, channelId: `ch-fake-${ws}`, lineUserId: `U${id}`, displayName: input.displayName, status: 'active',
        inflowRouteId: input.inflowRouteId ?? null, registeredAt: now(), lastReactionAt: null,
        tagIds: [], fields: {}, runs: [], timeline: [{ kind: 'followed', detail: {}, at: now() }],
      };
      controls.friends.set(id, detail);
      const { tagIds: _t, fields: _f, runs: _r, timeline: _l, ...summary } = detail;
      return structuredClone(summary);
    },
    async sendText(_ws, id, text) { await gate('sendText'); record(id, 'message_received', { text }); },
    async sendPostback(_ws, id, data) { await gate('sendPostback'); record(id, 'postback_received', { data }); },
    async block(_ws, id) { await gate('block'); friend(id).status = 'blocked'; record(id, 'blocked'); },
    async unblock(_ws, id) { await gate('unblock'); friend(id).status = 'active'; record(id, 'unblocked'); },
    async fastForward() { await gate('fastForward'); const fired = controls.pendingWaits; controls.pendingWaits = 0; return { fired, simulatedNow: new Date().toISOString(), offsetMs: 0 }; },
    async getInbox(_ws, id) { await gate('getInbox'); friend(id); return { entries: structuredClone(controls.inboxes.get(id) ?? []), clock: { offsetMs: 0, shifts: [] } }; },
    async getFriend(_ws, id) { await gate('getFriend'); return structuredClone(friend(id)); },
    async setFriendTags(_ws, id, change) {
      await gate('setFriendTags');
      const f = friend(id);
      const removed = new Set(change.remove ?? []);
      f.tagIds = [...new Set([...f.tagIds, ...(change.add ?? [])])].filter((t) => !removed.has(t));
      return structuredClone(f);
    },
  };
}
