import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { useResource } from '../api/useResource.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { ConditionEditor } from '../conditions/ConditionEditor.tsx';
import { EMPTY_CONDITION, isEmptyCondition, type Condition } from '../flow/language.ts';
import { useLang } from '../i18n/useLang.ts';
import { ConditionScope } from '../segments/ConditionScope.tsx';
import { useSegmentsApi, type FriendFilter } from '../segments/SegmentsApi.ts';
import { ErrorMessage, useErrorText } from '../shell/ErrorMessage.tsx';
import { useWorkspaces } from '../shell/workspaces.ts';
import { BulkActions } from './BulkActions.tsx';
import { ColumnChooser, useColumns } from './ColumnChooser.tsx';
import { FriendsTable } from './FriendsTable.tsx';
import { ImportDialog } from './ImportDialog.tsx';
import { filterFromAddress } from '../measure/friendsLink.ts';
import { SaveAsSegment } from '../measure/cross/SaveAsSegment.tsx';

/**
 * 友だち一覧 for up to millions of friends: the runtime pages by keyset (newest first), the count
 * comes separately, filters are a name search, a saved segment and an ad-hoc condition; bulk
 * actions and the CSV export act on the whole filter.
 */
export function FriendsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useSegmentsApi();
  const errorText = useErrorText();
  const catalogue = useCatalogue(ws);
  const timeZone = useWorkspaces().list?.find((w) => w.id === ws)?.timeZone ?? 'Asia/Tokyo';
  const segments = useResource(`segments/${ws}`, () => api.listSegments(ws));
  const [q, setQ] = useState('');
  const [segmentId, setSegmentId] = useState('');
  // A cross-analysis cell or an RFM band arrives as a condition in the address.
  const [fromAddress] = useState(() => filterFromAddress(window.location.search));
  const [showCondition, setShowCondition] = useState(fromAddress !== undefined);
  const [condition, setCondition] = useState<Condition>(fromAddress?.condition ?? EMPTY_CONDITION);
  const [columns, setColumns] = useColumns(ws);
  const [version, setVersion] = useState(0);
  const [importing, setImporting] = useState(false);
  const edit = usePermission(ws, 'edit');
  const [exporting, setExporting] = useState<string | boolean>(false);
  const filter = useDebounced<FriendFilter>({
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(segmentId ? { segmentId } : {}),
    ...(showCondition && !isEmptyCondition(condition) ? { condition } : {}),
  });
  const filterKey = `${JSON.stringify(filter)}#${version}`;
  const count = useResource(`count/${ws}/${filterKey}`, () => api.countFriends(ws, filter));
  const refresh = useCallback(() => setVersion((v) => v + 1), []);

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await api.exportCsv(ws, filter, lang === 'en' ? 'en' : 'ja');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `friends-${new Date().toISOString().slice(0, 10)}.csv`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setExporting(false);
    } catch (error) {
      setExporting(errorText(error));
    }
  };

  return (
    <section className="page" data-testid="friends-page">
      <h2>{t('cat.friends.title')}</h2>
      <ConditionScope ws={ws} timeZone={timeZone} catalogue={catalogue.data}>
        <div className="row" style={{ flexWrap: 'wrap', gap: 8 }}>
          <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder={t('ft.search')} aria-label={t('ft.search')} maxLength={100} data-testid="friends-search" />
          <select value={segmentId} onChange={(e) => setSegmentId(e.target.value)} aria-label={t('ft.segment')} data-testid="friends-segment">
            <option value="">{t('ft.anySegment')}</option>
            {segments.data?.segments.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
          </select>
          <button type="button" onClick={() => setShowCondition((v) => !v)} aria-expanded={showCondition} data-testid="friends-condition-toggle">
            {showCondition ? t('ft.hideCondition') : t('ft.condition')}
          </button>
          <ColumnChooser catalogue={catalogue.data} value={columns} onChange={setColumns} />
          <button type="button" onClick={() => void exportCsv()} disabled={exporting === true} data-testid="friends-export">{exporting === true ? t('ft.exporting') : t('ft.export')}</button>
          <button type="button" onClick={() => setImporting(true)} disabled={!edit.allowed} title={edit.reason} data-testid="friends-import">{t('ft.import')}</button>
        </div>
        {typeof exporting === 'string' && <p className="error" role="alert">{exporting}</p>}
        {fromAddress && <p className="info-banner" data-testid="friends-from-cross">{t('measure.friendsFilter.fromCross', { label: fromAddress.label })}</p>}
        {showCondition && <div data-testid="friends-condition"><ConditionEditor value={condition} onChange={setCondition} /></div>}
        {showCondition && !isEmptyCondition(condition) && <SaveAsSegment ws={ws} condition={condition} suggestedName={fromAddress?.label ?? ''} onSaved={segments.reload} />}
        <p className="muted small" data-testid="friends-total" aria-live="polite">
          {count.data && !count.loading ? t('ft.total', { count: count.data.count }) : t('ft.counting')}
        </p>
        {count.error !== undefined && <ErrorMessage error={count.error} onRetry={count.reload} />}
        <BulkActions ws={ws} filter={filter} catalogue={catalogue.data} onChanged={refresh} />
      </ConditionScope>
      <FriendsTable key={filterKey} ws={ws} filter={filter} columns={columns} catalogue={catalogue.data} timeZone={timeZone} />
      {importing && <ImportDialog ws={ws} catalogue={catalogue.data} onClose={() => setImporting(false)} onImported={refresh} />}
    </section>
  );
}

/** The value 300 ms after it last changed (compared as JSON), so typing does not query per key. */
function useDebounced<T>(value: T): T {
  const json = JSON.stringify(value);
  const [settled, setSettled] = useState(json);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(json), 300);
    return () => clearTimeout(timer);
  }, [json]);
  // Parsed once per settled change; the same string yields an equal object.
  const [parsed, setParsed] = useState<{ json: string; value: T }>({ json: settled, value: JSON.parse(settled) as T });
  if (parsed.json !== settled) {
    const next = { json: settled, value: JSON.parse(settled) as T };
    setParsed(next);
    return next.value;
  }
  return parsed.value;
}
