import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionButton, ChatBubble, type OnAction } from './ChatBubble.tsx';
import type { ChatItem } from './chatItems.ts';
import { formatTime } from './friendTime.ts';
import { useLang } from '../i18n/useLang.ts';

/** The friend's LINE chat: bot messages on the left, the friend's own on the right, newest at the bottom. */
export const FriendChat = memo(function FriendChat({ items, onAction, disabled, timeZone }: {
  items: ChatItem[];
  onAction: OnAction;
  disabled: boolean;
  /** The workspace's zone: each line shows the friend's own time then, in it. */
  timeZone: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const time = (item: ChatItem) => (
    <time className="chat-time" dateTime={item.shownAt} data-testid="chat-time">{formatTime(item.shownAt, timeZone, lang)}</time>
  );
  const scroller = useRef<HTMLDivElement>(null);
  const last = items.at(-1);
  // LINE shows quick replies only under the latest message, until the friend does something.
  const quick = last?.side === 'bot' ? last.message.quickReply : [];

  useEffect(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [items.length]);

  return (
    <div className="phone sim-phone" data-testid="sim-chat" aria-label={t('sim.chat')}>
      <div className="phone-bar">{t('sim.chat')}</div>
      <div className="phone-chat" ref={scroller} data-testid="sim-chat-scroll">
        {items.length === 0 && <p className="chat-empty" data-testid="sim-chat-empty">{t('sim.emptyChat')}</p>}
        {items.map((item) => {
          if (item.side === 'event') {
            return <div key={item.key} className="chat-event" data-testid="chat-item" data-side="event" data-event={item.event}>{t(`sim.events.${item.event}`)} {time(item)}</div>;
          }
          if (item.side === 'friend') {
            return (
              <div key={item.key} className="bubble-row mine" data-testid="chat-item" data-side="friend">
                {time(item)}
                <div className="bubble text mine" data-testid="chat-bubble">{'text' in item ? item.text : t('sim.events.postback', { data: item.postback })}</div>
              </div>
            );
          }
          return (
            <div key={item.key} className="bubble-row" data-testid="chat-item" data-side="bot">
              <span className="avatar" aria-hidden="true" />
              <ChatBubble message={item.message} onAction={onAction} disabled={disabled} />
              {time(item)}
            </div>
          );
        })}
      </div>
      {quick.length > 0 && (
        <div className="quick-replies" data-testid="sim-quick-replies">
          {quick.map((a, i) => <ActionButton key={i} action={a} onAction={onAction} className="quick-chip" disabled={disabled} />)}
        </div>
      )}
    </div>
  );
});
