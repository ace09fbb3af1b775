import { useTranslation } from 'react-i18next';
import type { AudioDraft, CouponDraft, LocationDraft, VideoDraft } from '@lsb/shared';
import { Field, NumberInput } from '../inspector/controls.tsx';

/** Video: the mp4 and the still shown before it plays; an optional tracking id for LINE's viewing-complete event. */
export function VideoEditor({ value, onChange }: { value: VideoDraft; onChange: (m: VideoDraft) => void }) {
  const { t } = useTranslation();
  const { trackingId: _old, ...withoutTracking } = value;
  return (
    <>
      <Field label={t('media.videoUrl')}>
        <input value={value.originalContentUrl} onChange={(e) => onChange({ ...value, originalContentUrl: e.target.value })} data-testid="video-url" />
      </Field>
      <Field label={t('media.videoPreviewUrl')}>
        <input value={value.previewImageUrl} onChange={(e) => onChange({ ...value, previewImageUrl: e.target.value })} data-testid="video-preview-url" />
      </Field>
      <Field label={t('media.trackingId')} hint={t('media.trackingIdHint')}>
        <input
          value={value.trackingId ?? ''}
          onChange={(e) => onChange(e.target.value ? { ...value, trackingId: e.target.value } : withoutTracking)}
          data-testid="video-tracking-id"
        />
      </Field>
    </>
  );
}

/** Audio: an m4a file and its length, which LINE shows on the player (entered in seconds, sent in ms). */
export function AudioEditor({ value, onChange }: { value: AudioDraft; onChange: (m: AudioDraft) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('media.audioUrl')}>
        <input value={value.originalContentUrl} onChange={(e) => onChange({ ...value, originalContentUrl: e.target.value })} data-testid="audio-url" />
      </Field>
      <Field label={t('media.duration')}>
        <NumberInput value={value.duration / 1000} min={0.001} step={0.001} onChange={(s) => onChange({ ...value, duration: Math.round(s * 1000) })} testId="audio-duration" />
      </Field>
    </>
  );
}

/** Location: a name, an address and the point LINE's map opens at. */
export function LocationEditor({ value, onChange }: { value: LocationDraft; onChange: (m: LocationDraft) => void }) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('media.locationTitle')}>
        <input value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} data-testid="location-title" />
      </Field>
      <Field label={t('media.address')}>
        <input value={value.address} onChange={(e) => onChange({ ...value, address: e.target.value })} data-testid="location-address" />
      </Field>
      <div className="row location-coords">
        <Field label={t('media.latitude')}>
          <NumberInput value={value.latitude} min={-90} max={90} step={0.000001} onChange={(latitude) => onChange({ ...value, latitude })} testId="location-latitude" />
        </Field>
        <Field label={t('media.longitude')}>
          <NumberInput value={value.longitude} min={-180} max={180} step={0.000001} onChange={(longitude) => onChange({ ...value, longitude })} testId="location-longitude" />
        </Field>
      </div>
    </>
  );
}

/** A LINE coupon is made in LINE Official Account Manager; the message carries its id. */
export function CouponEditor({ value, onChange }: { value: CouponDraft; onChange: (m: CouponDraft) => void }) {
  const { t } = useTranslation();
  const { deliveryTag: _old, ...withoutTag } = value;
  return (
    <>
      <Field label={t('media.couponId')} hint={t('media.couponIdHint')}>
        <input value={value.couponId} onChange={(e) => onChange({ ...value, couponId: e.target.value.trim() })} data-testid="coupon-id" />
      </Field>
      <Field label={t('media.deliveryTag')}>
        <input value={value.deliveryTag ?? ''} onChange={(e) => onChange(e.target.value ? { ...value, deliveryTag: e.target.value } : withoutTag)} data-testid="coupon-delivery-tag" />
      </Field>
    </>
  );
}
