import { useTranslation } from 'react-i18next';
import type { FriendDetail } from '../api/CatalogueApi.ts';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { useLang } from '../i18n/useLang.ts';

/** What happened to the friend, newest first (the runtime keeps the last 200 entries here). */
export function FriendTimeline({ friend, catalogue, timeZone }: { friend: FriendDetail; catalogue: WorkspaceCatalogue | undefined; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const when = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ja-JP', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const about = (detail: Record<string, unknown>): string => {
    const parts: string[] = [];
    if (typeof detail.tagId === 'string') parts.push(catalogue?.tags.find((x) => x.id === detail.tagId)?.name ?? detail.tagId);
    if (typeof detail.fieldId === 'string') {
      const name = catalogue?.fields.find((x) => x.id === detail.fieldId)?.name ?? detail.fieldId;
      parts.push(`${name}: ${detail.value === null || detail.value === undefined ? '—' : String(detail.value)}`);
    }
    if (typeof detail.scenarioId === 'string') parts.push(catalogue?.scenarios.find((x) => x.id === detail.scenarioId)?.name ?? '');
    if (detail.by === 'operator' || detail.by === 'bulk' || detail.by === 'import') parts.push(`(${t(`ft.timelineBy.${detail.by}`)})`);
    return parts.filter(Boolean).join(' ');
  };
  if (friend.timeline.length === 0) return null;
  return (
    <section data-testid="friend-timeline">
      <h3>{t('ft.timelineTitle')}</h3>
      <ol className="plain-list small">
        {friend.timeline.map((entry, i) => (
          <li key={i} data-testid="timeline-entry" data-kind={entry.kind}>
            <span className="muted">{when.format(new Date(entry.at))}</span>{' '}
            {t(`ft.timelineKinds.${entry.kind}`, { defaultValue: entry.kind })} {about(entry.detail)}
          </li>
        ))}
      </ol>
    </section>
  );
}
