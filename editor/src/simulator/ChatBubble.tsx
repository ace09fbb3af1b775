import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { AudioBubble, CouponBubble, ImagemapBubble, LocationBubble, VideoBubble } from '../composer/MediaBubbles.tsx';
import type { ChatAction, ChatCard, ChatMessage } from './lineMessage.ts';

export type OnAction = (action: ChatAction) => void;

/** A tappable LINE action: postback and message actions act as the friend; links open in a new tab. */
export const ActionButton = memo(function ActionButton({ action, onAction, className, disabled }: {
  action: ChatAction;
  onAction: OnAction;
  className: string;
  disabled: boolean;
}) {
  if (action.kind === 'uri') {
    return <a className={className} href={action.uri} target="_blank" rel="noreferrer" data-testid="chat-action" data-kind="uri">{action.label}</a>;
  }
  return (
    <button
      type="button"
      className={className}
      disabled={disabled || action.kind === 'other'}
      onClick={() => onAction(action)}
      data-testid="chat-action"
      data-kind={action.kind}
      data-data={action.kind === 'postback' ? action.data : undefined}
    >
      {action.label}
    </button>
  );
});

function Card({ card, onAction, disabled }: { card: ChatCard; onAction: OnAction; disabled: boolean }) {
  return (
    <div className="bubble card">
      {card.imageUrl && <img alt="" src={card.imageUrl} loading="lazy" />}
      {card.title && <strong>{card.title}</strong>}
      <p>{card.text}</p>
      <div className="card-actions">
        {card.actions.map((a, i) => <ActionButton key={i} action={a} onAction={onAction} className="card-action" disabled={disabled} />)}
      </div>
    </div>
  );
}

/** One message the friend received, drawn the way LINE shows it, simply. */
export const ChatBubble = memo(function ChatBubble({ message: m, onAction, disabled }: { message: ChatMessage; onAction: OnAction; disabled: boolean }) {
  const { t } = useTranslation();
  switch (m.kind) {
    case 'text':
      return <div className="bubble text" data-testid="chat-bubble" data-kind="text">{m.text}</div>;
    case 'sticker':
      return (
        <div className="bubble sticker-bubble" data-testid="chat-bubble" data-kind="sticker" title={`${m.packageId}/${m.stickerId}`}>
          <img
            className="sticker"
            alt={t('sim.sticker')}
            loading="lazy"
            src={`https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(m.stickerId)}/android/sticker.png`}
          />
        </div>
      );
    case 'image':
      return <img className="bubble image" data-testid="chat-bubble" data-kind="image" alt={t('sim.image')} loading="lazy" src={m.url} />;
    case 'cards':
      return (
        <div className={`chat-cards ${m.layout}`} data-testid="chat-bubble" data-kind="template" title={m.altText}>
          {m.cards.map((card, i) => <Card key={i} card={card} onAction={onAction} disabled={disabled} />)}
        </div>
      );
    case 'flex':
      return (
        <div className="bubble card flex" data-testid="chat-bubble" data-kind="flex" title={m.altText}>
          {m.lines.slice(0, 12).map((line, i) => <p key={i}>{line}</p>)}
          {m.actions.length > 0 && (
            <div className="card-actions">
              {m.actions.map((a, i) => <ActionButton key={i} action={a} onAction={onAction} className="card-action" disabled={disabled} />)}
            </div>
          )}
        </div>
      );
    case 'video':
    case 'audio':
    case 'location':
    case 'coupon':
      return (
        <div data-testid="chat-bubble" data-kind={m.kind}>
          {m.kind === 'video' && <VideoBubble message={m} />}
          {m.kind === 'audio' && <AudioBubble message={m} />}
          {m.kind === 'location' && <LocationBubble message={m} />}
          {m.kind === 'coupon' && <CouponBubble message={m} />}
        </div>
      );
    case 'imagemap':
      return (
        <div data-testid="chat-bubble" data-kind="imagemap">
          <ImagemapBubble message={m.imagemap} />
          <div className="card-actions">
            {m.areaActions.map((a, i) => <ActionButton key={i} action={a} onAction={onAction} className="card-action" disabled={disabled} />)}
          </div>
        </div>
      );
    case 'other':
      return <div className="bubble text muted" data-testid="chat-bubble" data-kind="other">{t('sim.unsupported', { type: m.type })}</div>;
  }
});
