import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { isApiError } from '../api/errors.ts';
import { useResource } from '../api/useResource.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { ConditionEditor } from '../conditions/ConditionEditor.tsx';
import { EMPTY_CONDITION, type Condition } from '../flow/language.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useWorkspaces } from '../shell/workspaces.ts';
import { ConditionScope } from './ConditionScope.tsx';
import { useSegmentsApi, type SavedSegmentWithCount } from './SegmentsApi.ts';
import { useLiveCount } from './useLiveCount.ts';

/** セグメント: saved conditions with live counts; one opens beside the list with its count and sample as it is edited. */
export function SegmentsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useSegmentsApi();
  const catalogue = useCatalogue(ws);
  const timeZone = useWorkspaces().list?.find((w) => w.id === ws)?.timeZone ?? 'Asia/Tokyo';
  const list = useResource(`segments/${ws}`, () => api.listSegments(ws));
  const [open, setOpen] = useState<SavedSegmentWithCount | 'new' | undefined>();
  const edit = usePermission(ws, 'edit');
  const reload = () => {
    list.reload();
    catalogue.reload();
  };
  return (
    <section className="page segments-page" data-testid="segments-page">
      <h2>{t('seg.title')}</h2>
      <p className="muted small">{t('seg.intro')}</p>
      {list.error !== undefined && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {!edit.allowed && <p className="muted role-reason" data-testid="segments-readonly">{edit.reason}</p>}
      <div className="row" style={{ alignItems: 'flex-start', gap: 24 }}>
        <div style={{ minWidth: 260 }}>
          <button type="button" className="primary" onClick={() => setOpen('new')} disabled={!edit.allowed} title={edit.reason} data-testid="segment-new">＋ {t('seg.create')}</button>
          {list.data?.segments.length === 0 && <p className="muted" data-testid="segments-empty">{t('seg.none')}</p>}
          <ul className="plain-list" data-testid="segment-list">
            {list.data?.segments.map((s) => (
              <li key={s.id} data-testid="segment-item" data-segment-id={s.id}>
                <button type="button" className="link-button" onClick={() => setOpen(s)}>{s.name}</button>
                {' '}<span className="muted small" data-testid="segment-count">{t('seg.count', { count: s.count })}</span>
              </li>
            ))}
          </ul>
        </div>
        {open && (
          <ConditionScope ws={ws} timeZone={timeZone} catalogue={catalogue.data}>
            <SegmentEditor
              key={open === 'new' ? 'new' : open.id}
              ws={ws}
              segment={open === 'new' ? undefined : open}
              onSaved={(saved) => { reload(); setOpen(saved); }}
              onDeleted={() => { reload(); setOpen(undefined); }}
            />
          </ConditionScope>
        )}
      </div>
    </section>
  );
}

function SegmentEditor({ ws, segment, onSaved, onDeleted }: {
  ws: string;
  segment: SavedSegmentWithCount | undefined;
  onSaved: (s: SavedSegmentWithCount) => void;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const api = useSegmentsApi();
  const [name, setName] = useState(segment?.name ?? '');
  const [condition, setCondition] = useState<Condition>((segment?.condition as Condition | undefined) ?? EMPTY_CONDITION);
  const [problem, setProblem] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const live = useLiveCount(api, ws, condition);
  const edit = usePermission(ws, 'edit');
  const errorText = (error: unknown) => {
    if (!isApiError(error)) return String(error);
    const details = (error.details ?? {}) as { cycle?: string[]; segments?: string[]; scenarios?: string[] };
    const known = ['segment_cycle', 'segment_name_taken', 'segment_in_use', 'unknown_segment', 'invalid_condition'];
    if (!known.includes(error.code)) return error.message;
    return t(`seg.errors.${error.code}`, { cycle: details.cycle?.join(' → ') ?? '', names: [...(details.segments ?? []), ...(details.scenarios ?? [])].join('、') });
  };
  const save = async () => {
    setProblem(undefined);
    if (!name.trim() || name.length > 100) return setProblem(t('seg.nameRequired'));
    try {
      const input = { name: name.trim(), condition };
      const saved = segment ? await api.updateSegment(ws, segment.id, input) : await api.createSegment(ws, input);
      setNotice(t('seg.saved'));
      onSaved({ ...saved, count: live.count ?? 0 });
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  const remove = async () => {
    if (!segment || !window.confirm(t('seg.confirmDelete', { name: segment.name }))) return;
    try {
      await api.deleteSegment(ws, segment.id);
      onDeleted();
    } catch (error) {
      setProblem(errorText(error));
    }
  };
  return (
    <div className="segment-editor" style={{ flex: 1 }} data-testid="segment-editor">
      <label className="form-field">
        <span className="form-label">{t('seg.name')}</span>
        <input value={name} maxLength={100} placeholder={t('seg.namePlaceholder')} onChange={(e) => setName(e.target.value)} data-testid="segment-name" />
      </label>
      <ConditionEditor value={condition} onChange={setCondition} />
      <p data-testid="segment-live-count" aria-live="polite">
        {live.error !== undefined ? <span className="error">{errorText(live.error)}</span>
          : live.pending || live.count === undefined ? <span className="muted">{t('seg.counting')}</span>
          : t('seg.countLive', { count: live.count })}
      </p>
      <p className="muted small" data-testid="segment-publish-rule">{t('seg.publishRule')}</p>
      {segment && (
        <p className="muted small" data-testid="segment-used-by">
          {segment.usedBy.length ? t('seg.usedBy', { names: segment.usedBy.map((u) => u.name).join('、') }) : t('seg.notUsed')}
        </p>
      )}
      {problem && <p className="error" role="alert" data-testid="segment-problem">{problem}</p>}
      {notice && !problem && <p className="muted small" role="status">{notice}</p>}
      <div className="row">
        <button type="button" className="primary" onClick={() => void save()} disabled={!edit.allowed} title={edit.reason} data-testid="segment-save">{t('seg.save')}</button>
        {segment && <button type="button" className="danger" onClick={() => void remove()} disabled={!edit.allowed} title={edit.reason} data-testid="segment-delete">{t('seg.delete')}</button>}
      </div>
      <h3>{t('seg.sample')}</h3>
      {live.sample?.length === 0 && <p className="muted">{t('seg.noSample')}</p>}
      <ul className="plain-list" data-testid="segment-sample">
        {live.sample?.map((f) => (
          <li key={f.id}><Link to={paths.friend(ws, f.id)}>{f.displayName || t('sim.friendFallback')}</Link></li>
        ))}
      </ul>
    </div>
  );
}
