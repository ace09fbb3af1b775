import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { useResource } from '../api/useResource.ts';
import { useLang } from '../i18n/useLang.ts';
import { Link } from '../routing/Link.tsx';
import { navigate, paths } from '../routing/router.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useWorkspaces } from '../shell/workspaces.ts';
import { formatTime } from '../simulator/friendTime.ts';
import { useBroadcastsApi } from './BroadcastsApi.ts';
import { STATUS_GROUPS, statusGroup, type StatusGroup } from './draft.ts';
import { scheduleText } from './scheduleText.ts';
import './broadcasts.css';

/** 一斉配信: every broadcast by state (drafts, scheduled, sending, finished) with when it goes and its counts. */
export function BroadcastsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useBroadcastsApi();
  const timeZone = useWorkspaces().list?.find((w) => w.id === ws)?.timeZone ?? 'Asia/Tokyo';
  const list = useResource(`broadcasts:${ws}`, () => api.list(ws));
  const edit = usePermission(ws, 'edit');
  const [group, setGroup] = useState<StatusGroup | 'all'>('all');
  const all = list.data?.broadcasts ?? [];
  const shown = all.filter((b) => group === 'all' || statusGroup(b.status) === group);
  const count = (g: StatusGroup) => all.filter((b) => statusGroup(b.status) === g).length;
  return (
    <section className="page broadcasts-page" data-testid="broadcasts-page">
      <div className="page-head">
        <h2>{t('bc.title')}</h2>
        <button type="button" className="primary" onClick={() => navigate(paths.broadcast(ws, 'new'))} disabled={!edit.allowed} title={edit.reason} data-testid="bc-new">＋ {t('bc.create')}</button>
      </div>
      <p className="muted small">{t('bc.intro')}</p>
      {!edit.allowed && <p className="muted role-reason" data-testid="broadcasts-readonly">{edit.reason}</p>}
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      <div className="row bc-groups" role="tablist">
        {(['all', ...STATUS_GROUPS] as const).map((g) => (
          <button key={g} type="button" role="tab" aria-selected={group === g} className={group === g ? 'current' : undefined} onClick={() => setGroup(g)} data-testid={`bc-group-${g}`}>
            {t(`bc.groups.${g}`)}{g !== 'all' && ` (${count(g)})`}
          </button>
        ))}
      </div>
      {list.data && all.length === 0 && <p className="muted" data-testid="broadcasts-empty">{t('bc.empty')}</p>}
      {list.data && all.length > 0 && shown.length === 0 && <p className="muted" data-testid="broadcasts-empty-group">{t('bc.emptyGroup')}</p>}
      {shown.length > 0 && (
        <table className="scenario-table" data-testid="broadcast-list">
          <thead>
            <tr>
              <th>{t('bc.columns.name')}</th>
              <th>{t('bc.columns.status')}</th>
              <th>{t('bc.columns.when')}</th>
              <th className="num">{t('bc.columns.recipients')}</th>
              <th className="num">{t('bc.columns.sent')}</th>
              <th>{t('bc.columns.updated')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((b) => (
              <tr key={b.id} data-testid="broadcast-row" data-broadcast-id={b.id} data-status={b.status}>
                <td><Link to={paths.broadcast(ws, b.id)} data-testid="broadcast-link">{b.name || t('bc.untitled')}</Link></td>
                <td><span className={`status bc-status-${b.status}`} data-testid="broadcast-status">{t(`bc.status.${b.status}`)}</span></td>
                <td>
                  {b.lastOccurrence && b.schedule.kind === 'now' ? formatTime(b.lastOccurrence.startedAt, timeZone, lang) : scheduleText(b.schedule, t)}
                  {b.nextAt && b.schedule.kind === 'monthly' && <div className="muted small">{t('bc.when.next', { at: formatTime(b.nextAt, timeZone, lang) })}</div>}
                </td>
                <td className="num" data-testid="broadcast-recipients">{b.lastOccurrence ? b.lastOccurrence.recipients.toLocaleString() : '—'}</td>
                <td className="num" data-testid="broadcast-sent">{b.lastOccurrence ? b.lastOccurrence.sent.toLocaleString() : '—'}</td>
                <td className="muted small">{formatTime(b.updatedAt, timeZone, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
