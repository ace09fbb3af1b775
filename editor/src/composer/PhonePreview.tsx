import { useTranslation } from 'react-i18next';
import { flexTexts, nameOf, replacePlaceholders, type MessageDraft, type QuickReply } from '@lsb/shared';
import { useFlow } from '../store/FlowStoreContext.tsx';
import { AudioBubble, CouponBubble, ImagemapBubble, LocationBubble, VideoBubble } from './MediaBubbles.tsx';

/**
 * The messages as a friend sees them in LINE: a phone-width chat with bubbles, templates as
 * cards and quick replies as chips. Placeholders show a sample name or their fallback.
 */
export function PhonePreview({ messages }: { messages: MessageDraft[] }) {
  const { t } = useTranslation();
  const catalogue = useFlow((s) => s.catalogue);
  // A name shows as a sample; a field shows its fallback, or its name in brackets when it has none;
  // a tracked link shows its name and where it lands (each friend really gets their own counting URL).
  const render = (text: string) =>
    replacePlaceholders(text, (p) => {
      switch (p.kind) {
        case 'name': return t('composer.sampleName');
        case 'field': return p.fallback ? '' : `［${nameOf(catalogue, 'field', p.fieldId)}］`;
        case 'link': {
          const link = catalogue?.links.find((l) => l.id === p.linkId);
          return link ? `［🔗 ${link.name}${link.url ? ` ${link.url}` : ''}］` : `［🔗 ${t('linkNames.unknownLink')}］`;
        }
      }
    });
  const quick = messages.at(-1)?.quickReply;
  return (
    <div className="phone" data-testid="phone-preview" aria-label={t('composer.preview')}>
      <div className="phone-bar">{t('composer.preview')}</div>
      <div className="phone-chat">
        {messages.map((m, i) => (
          <div className="bubble-row" key={i} data-testid="preview-bubble">
            <span className="avatar" aria-hidden="true" />
            <Bubble message={m} render={render} />
          </div>
        ))}
      </div>
      {quick && <QuickReplies quick={quick} />}
    </div>
  );
}

function Bubble({ message: m, render }: { message: MessageDraft; render: (text: string) => string }) {
  const { t } = useTranslation();
  switch (m.type) {
    case 'text':
      return <div className="bubble text">{render(m.text) || <span className="muted">{t('composer.emptyText')}</span>}</div>;
    case 'sticker':
      return (
        <img
          className="sticker"
          alt={t('composer.types.sticker')}
          loading="lazy"
          src={`https://stickershop.line-scdn.net/stickershop/v1/sticker/${encodeURIComponent(m.stickerId)}/android/sticker.png`}
        />
      );
    case 'image':
      return <img className="bubble image" alt={t('composer.types.image')} loading="lazy" src={m.previewImageUrl} />;
    case 'template':
      return (
        <div className={`bubble card ${m.template.type}`}>
          {m.template.type === 'buttons' && m.template.thumbnailImageUrl && <img alt="" src={m.template.thumbnailImageUrl} loading="lazy" />}
          {m.template.type === 'buttons' && m.template.title && <strong>{render(m.template.title)}</strong>}
          <p>{render(m.template.text)}</p>
          <div className={m.template.type === 'confirm' ? 'card-actions row' : 'card-actions'}>
            {m.template.actions.map((a, i) => <span key={i} className="card-action">{a.label}</span>)}
          </div>
        </div>
      );
    case 'flex':
      return (
        <div className="bubble card flex" title={m.altText}>
          {flexTexts(m.contents).slice(0, 8).map((line, i) => <p key={i}>{render(line)}</p>)}
          <span className="muted small">Flex</span>
        </div>
      );
    case 'video':
      return <VideoBubble message={m} />;
    case 'audio':
      return <AudioBubble message={m} />;
    case 'location':
      return <LocationBubble message={m} />;
    case 'imagemap':
      return <ImagemapBubble message={m} />;
    case 'coupon':
      return <CouponBubble message={m} />;
  }
}

function QuickReplies({ quick }: { quick: QuickReply }) {
  return (
    <div className="quick-replies" data-testid="preview-quick-replies">
      {quick.items.map((item, i) => <span key={i} className="quick-chip">{item.action.label}</span>)}
    </div>
  );
}
