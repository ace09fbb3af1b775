import { useTranslation } from 'react-i18next';
import type { BroadcastPreview } from './BroadcastsApi.ts';
import { useBroadcastErrorText } from './useBroadcastErrorText.ts';

/** Above this share of the month's remaining messages, the count warns before anything is refused. */
const NEAR_QUOTA = 0.8;

/** Who would receive it now and the LINE quota it uses against what remains this month; refuses in words when over. */
export function RecipientCount({ preview, error, pending }: { preview: BroadcastPreview | undefined; error: unknown; pending: boolean }) {
  const { t, i18n } = useTranslation();
  const errorText = useBroadcastErrorText();
  const n = (value: number) => value.toLocaleString(i18n.language === 'en' ? 'en-US' : 'ja-JP');
  if (error !== undefined && !pending) {
    return <p className="error" role="alert" data-testid="bc-count-error">{t('bc.count.failed', { reason: errorText(error) })}</p>;
  }
  if (!preview) return <p className="muted" data-testid="bc-count" data-pending="true">{t('bc.count.counting')}</p>;
  const { quota } = preview;
  const over = quota?.remaining != null ? preview.quotaNeeded - quota.remaining : 0;
  const near = quota?.remaining != null && quota.remaining > 0 && !(over > 0) && preview.quotaNeeded / quota.remaining >= NEAR_QUOTA;
  return (
    <div className="bc-count" aria-live="polite" data-testid="bc-count" data-pending={pending ? 'true' : 'false'} data-recipients={preview.recipients}>
      <p className="bc-count-number"><strong data-testid="bc-recipients">{t('bc.count.recipients', { count: n(preview.recipients) })}</strong>{pending && <span className="muted"> …</span>}</p>
      {(preview.skipped.waiting_for_reply > 0 || preview.skipped.over_cap > 0) && (
        <p className="muted small" data-testid="bc-count-breakdown">
          {t('bc.count.breakdown', { audience: n(preview.audience), waiting: n(preview.skipped.waiting_for_reply), overCap: n(preview.skipped.over_cap) })}
        </p>
      )}
      {preview.recipients === 0 && <p className="error" role="alert" data-testid="bc-count-empty">{t('bc.count.empty')}</p>}
      <p className="small" data-testid="bc-quota">
        {quota === null
          ? t('bc.count.unknown', { needed: n(preview.quotaNeeded) })
          : quota.remaining === null || quota.limit === null
            ? t('bc.count.unlimited', { needed: n(preview.quotaNeeded) })
            : t('bc.count.quota', { remaining: n(quota.remaining), limit: n(quota.limit), used: n(quota.used), needed: n(preview.quotaNeeded), after: n(Math.max(0, quota.remaining - preview.quotaNeeded)) })}
      </p>
      {!preview.withinQuota && quota?.remaining != null && (
        <p className="error" role="alert" data-testid="bc-over-quota">{t('bc.count.overQuota', { remaining: n(quota.remaining), over: n(over) })}</p>
      )}
      {near && quota?.remaining != null && (
        <p className="warning" data-testid="bc-near-quota">{t('bc.count.nearQuota', { percent: Math.round((preview.quotaNeeded / quota.remaining) * 100) })}</p>
      )}
    </div>
  );
}
