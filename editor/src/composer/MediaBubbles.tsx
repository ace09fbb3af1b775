import { useTranslation } from 'react-i18next';
import type { AudioDraft, CouponDraft, ImagemapDraft, LocationDraft, VideoDraft } from '@lsb/shared';

// How LINE shows video, audio, location, imagemap and coupon messages, drawn simply. Presentational
// only (plain message objects in), so the simulator's chat can draw received messages the same way.

export function VideoBubble({ message }: { message: Pick<VideoDraft, 'previewImageUrl'> }) {
  const { t } = useTranslation();
  return (
    <div className="bubble media video" data-testid="preview-video">
      {isImageUrl(message.previewImageUrl)
        ? <img alt={t('media.videoLabel')} loading="lazy" src={message.previewImageUrl} />
        : <span className="media-placeholder">{t('media.videoLabel')}</span>}
      <span className="play" aria-hidden="true">▶</span>
    </div>
  );
}

/** `61000` → `1:01`, as LINE's audio player shows the length. */
export function formatDuration(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.round(ms / 1000) : 0;
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function AudioBubble({ message }: { message: Pick<AudioDraft, 'duration'> }) {
  const { t } = useTranslation();
  return (
    <div className="bubble audio" data-testid="preview-audio" aria-label={t('media.audioLabel')}>
      <span aria-hidden="true">▶</span> <span className="audio-bar" aria-hidden="true" /> {formatDuration(message.duration)}
    </div>
  );
}

export function LocationBubble({ message }: { message: Pick<LocationDraft, 'title' | 'address' | 'latitude' | 'longitude'> }) {
  const { t } = useTranslation();
  const map = `https://www.openstreetmap.org/?mlat=${message.latitude}&mlon=${message.longitude}#map=16/${message.latitude}/${message.longitude}`;
  return (
    <div className="bubble card location" data-testid="preview-location">
      <div className="map-pin" aria-hidden="true">📍</div>
      <strong>{message.title || t('media.locationTitle')}</strong>
      <p className="muted small">{message.address || t('media.address')}</p>
      <a className="card-action" href={map} target="_blank" rel="noreferrer">{t('media.openMap')}</a>
    </div>
  );
}

/** The image at LINE's 700-pixel size with each tap area outlined where it lies on the 1040-wide grid. */
export function ImagemapBubble({ message }: { message: Pick<ImagemapDraft, 'baseUrl' | 'altText' | 'baseSize' | 'actions'> }) {
  const { t } = useTranslation();
  const { width, height } = message.baseSize;
  const pct = (n: number, of: number) => `${of > 0 ? (n / of) * 100 : 0}%`;
  return (
    <div className="bubble imagemap" data-testid="preview-imagemap" title={message.altText} style={{ aspectRatio: `${width} / ${height > 0 ? height : width}` }}>
      {isImageUrl(message.baseUrl)
        ? <img alt={message.altText} loading="lazy" src={`${message.baseUrl.replace(/\/$/, '')}/700`} />
        : <span className="media-placeholder">{t('media.noImage')}</span>}
      {message.actions.map((action, i) => (
        <span
          key={i}
          className="imagemap-hit"
          data-testid="preview-imagemap-area"
          title={action.type === 'uri' ? action.linkUri : action.type === 'message' ? action.text : action.clipboardText}
          style={{ left: pct(action.area.x, width), top: pct(action.area.y, height), width: pct(action.area.width, width), height: pct(action.area.height, height) }}
        >
          {action.label ?? i + 1}
        </span>
      ))}
    </div>
  );
}

export function CouponBubble({ message }: { message: Pick<CouponDraft, 'couponId'> }) {
  const { t } = useTranslation();
  return (
    <div className="bubble card coupon" data-testid="preview-coupon">
      <strong>🎟 {t('media.couponTitle')}</strong>
      <p className="muted small">{message.couponId || t('media.couponId')}</p>
      <span className="card-action">{t('media.couponOpen')}</span>
    </div>
  );
}

function isImageUrl(url: string): boolean {
  return /^https:\/\/[^\s/]+\.[^\s]+/.test(url);
}
