import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, type AuditAction, type AuditEntry } from '@lsb/shared/api';
import { accountsApi, type AuditFilter } from '../accounts/api.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { AuditEntries } from './AuditEntries.tsx';

interface Filter { action: AuditAction | ''; actorId: string; from: string; to: string }

/** A day in the picker as the instant its local day starts (`to` the instant it ends). */
function dayBound(day: string, end: boolean): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (end) date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** The workspace's audit log: filter by action, person and days; pages on with the cursor. */
export function AuditPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>({ action: '', actorId: '', from: '', to: '' });
  const [extra, setExtra] = useState<{ entries: AuditEntry[]; cursor: string | null }>();
  const query: AuditFilter = {
    action: filter.action || undefined,
    actorId: filter.actorId || undefined,
    from: dayBound(filter.from, false),
    to: dayBound(filter.to, true),
  };
  const page = useResource(`audit/${ws}/${JSON.stringify(query)}`, () => {
    setExtra(undefined);
    return accountsApi.audit(ws, query);
  });
  // People seen in the log so far, for the person filter.
  const members = useResource(`audit-members/${ws}`, () => accountsApi.listMembers(ws).catch(() => []));
  const entries = [...(page.data?.entries ?? []), ...(extra?.entries ?? [])];
  const cursor = extra ? extra.cursor : page.data?.nextCursor ?? null;
  const more = async () => {
    if (!cursor) return;
    const next = await accountsApi.audit(ws, { ...query, cursor });
    setExtra({ entries: [...(extra?.entries ?? []), ...next.entries], cursor: next.nextCursor });
  };
  const set = (change: Partial<Filter>) => setFilter((f) => ({ ...f, ...change }));

  return (
    <section className="page" data-testid="audit-page">
      <h2>{t('acct.audit.title')}</h2>
      <p className="muted">{t('acct.audit.intro')}</p>
      <div className="inline-form audit-filter">
        <label>
          {t('acct.audit.action')}
          <select value={filter.action} onChange={(e) => set({ action: e.target.value as AuditAction | '' })} data-testid="audit-action">
            <option value="">{t('acct.audit.allActions')}</option>
            {AUDIT_ACTIONS.map((a) => <option key={a} value={a}>{t(`acct.audit.actions.${a}`)}</option>)}
          </select>
        </label>
        <label>
          {t('acct.audit.actor')}
          <select value={filter.actorId} onChange={(e) => set({ actorId: e.target.value })} data-testid="audit-actor">
            <option value="">{t('acct.audit.allActors')}</option>
            {members.data?.map((m) => <option key={m.userId} value={m.userId}>{m.name}</option>)}
          </select>
        </label>
        <label>
          {t('acct.audit.from')}
          <input type="date" value={filter.from} onChange={(e) => set({ from: e.target.value })} data-testid="audit-from" />
        </label>
        <label>
          {t('acct.audit.to')}
          <input type="date" value={filter.to} onChange={(e) => set({ to: e.target.value })} data-testid="audit-to" />
        </label>
      </div>
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      {page.data && entries.length === 0 && <p className="muted" data-testid="audit-none">{t('acct.audit.none')}</p>}
      {entries.length > 0 && <AuditEntries entries={entries} />}
      {cursor && <button type="button" onClick={() => void more()} data-testid="audit-more">{t('acct.audit.more')}</button>}
    </section>
  );
}
