import type { LineApi } from './LineApi.ts';
import type { InboxResponse } from './lineTypes.ts';
import { createRequest, wsPath } from './request.ts';

/** LineApi over the runtime's HTTP routes (channels, simulator, friends). */
export function createHttpLineApi(base = '/api', fetchImpl?: typeof fetch): LineApi {
  const call = createRequest(base, fetchImpl);
  const sim = (ws: string, friendId: string, action: string) =>
    `${wsPath(ws)}/simulator/friends/${encodeURIComponent(friendId)}/${action}`;
  const act = async (ws: string, friendId: string, action: string, body?: unknown) => {
    await call('POST', sim(ws, friendId, action), body);
  };

  return {
    listChannels: (ws) => call('GET', `${wsPath(ws)}/channels`),
    createChannel: (ws, input) => call('POST', `${wsPath(ws)}/channels`, input),
    deleteChannel: async (ws, id) => { await call('DELETE', `${wsPath(ws)}/channels/${encodeURIComponent(id)}`); },
    listVirtualFriends: (ws) => call('GET', `${wsPath(ws)}/simulator/friends`),
    addVirtualFriend: (ws, input) => call('POST', `${wsPath(ws)}/simulator/friends`, input),
    sendText: (ws, id, text) => act(ws, id, 'message', { text }),
    sendPostback: (ws, id, data) => act(ws, id, 'postback', { data }),
    block: (ws, id) => act(ws, id, 'block'),
    unblock: (ws, id) => act(ws, id, 'unblock'),
    fastForward: (ws, id) => call('POST', sim(ws, id, 'fast-forward')),
    getInbox: (ws, id) => call<InboxResponse>('GET', sim(ws, id, 'inbox')),
    getFriend: (ws, id) => call('GET', `${wsPath(ws)}/friends/${encodeURIComponent(id)}`),
    setFriendTags: (ws, id, change) => call('POST', `${wsPath(ws)}/friends/${encodeURIComponent(id)}/tags`, change),
  };
}
