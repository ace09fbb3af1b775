import type { ClockShift, InboxEntry, TimelineEntry } from '../api/lineTypes.ts';
import { friendTimeOf } from './friendTime.ts';
import { readMessage, type ChatMessage } from './lineMessage.ts';

/**
 * One line of the simulated chat: what LINE delivered (bot), what the friend did (friend), or an
 * event. `at` is the real moment (for order); `shownAt` the friend's own time then, which the chat shows.
 */
export type ChatItem = { key: string; at: string; shownAt: string } & (
  | { side: 'bot'; message: ChatMessage }
  | { side: 'friend'; text: string }
  | { side: 'friend'; postback: string }
  | { side: 'event'; event: ChatEvent }
);

type ChatEvent = 'followed' | 'blocked' | 'unblocked';
const EVENTS: ReadonlySet<string> = new Set<ChatEvent>(['followed', 'blocked', 'unblocked']);
const isChatEvent = (kind: string): kind is ChatEvent => EVENTS.has(kind);

/**
 * The inbox (what the fake LINE server accepted for this friend) and the friend's own side from
 * the timeline, oldest first so the newest sits at the bottom like LINE.
 */
export function chatItems(inbox: readonly InboxEntry[], timeline: readonly TimelineEntry[], shifts: readonly ClockShift[] = []): ChatItem[] {
  const items: ChatItem[] = [];
  const when = (at: string) => ({ at, shownAt: friendTimeOf(at, shifts) });
  inbox.forEach((entry, i) => entry.messages.forEach((message, j) => {
    items.push({ key: `in-${i}-${j}`, ...when(entry.at), side: 'bot', message: readMessage(message) });
  }));
  // The timeline comes newest first; walk it oldest first so ties keep their real order.
  [...timeline].reverse().forEach((entry, i) => {
    const key = `tl-${entry.at}-${i}`;
    if (entry.kind === 'message_received' && typeof entry.detail.text === 'string') items.push({ key, ...when(entry.at), side: 'friend', text: entry.detail.text });
    else if (entry.kind === 'postback_received' && typeof entry.detail.data === 'string') items.push({ key, ...when(entry.at), side: 'friend', postback: entry.detail.data });
    else if (isChatEvent(entry.kind)) items.push({ key, ...when(entry.at), side: 'event', event: entry.kind });
  });
  // A stable sort: items of the same instant keep the order they were pushed in.
  return items
    .map((item, index) => ({ item, index, time: Date.parse(item.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ item }) => item);
}
