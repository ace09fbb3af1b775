import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversionPoint, SaveConversionPointBody } from '@lsb/shared/api';
import { RoleFieldset } from '../../accounts/RoleFieldset.tsx';
import { usePermission } from '../../accounts/usePermission.ts';
import { useResource } from '../../api/useResource.ts';
import { useCatalogue } from '../../catalogue/useCatalogue.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMeasureApi } from '../api.ts';
import { formatYen } from '../format.ts';
import { MeasureError } from '../MeasureError.tsx';
import { RfmSettingsView } from '../rfm/RfmSettingsView.tsx';
import { ConversionPointForm } from './ConversionPointForm.tsx';
import { RecordingHelp } from './RecordingHelp.tsx';
import '../measure.css';

/** コンバージョン: the points with their totals and how to record each, the create/edit form, and RFM. */
export function ConversionsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useMeasureApi();
  const catalogue = useCatalogue(ws);
  const points = useResource(`points/${ws}`, () => api.listPoints(ws));
  const [editing, setEditing] = useState<ConversionPoint>();
  const [open, setOpen] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const edit = usePermission(ws, 'edit');
  const { reload } = points;

  const save = useCallback(async (body: SaveConversionPointBody) => {
    const saved = editing ? await api.updatePoint(ws, editing.id, body) : await api.createPoint(ws, body);
    setNotice(t(editing ? 'measure.conv.saved' : 'measure.conv.created', { name: saved.name }));
    setEditing(undefined);
    setOpen(saved.id);
    reload();
  }, [api, ws, editing, reload, t]);
  const remove = (point: ConversionPoint) => {
    if (!window.confirm(t('measure.conv.removeConfirm', { name: point.name }))) return;
    setActionError(undefined);
    api.deletePoint(ws, point.id).catch(setActionError).finally(reload);
  };

  return (
    <section className="page measure-page" data-testid="conversions-page">
      <h2>{t('measure.conv.title')}</h2>
      <p className="muted">{t('measure.conv.intro')}</p>
      {points.error !== undefined && <MeasureError error={points.error} section="conv" onRetry={reload} />}
      {actionError !== undefined && <MeasureError error={actionError} section="conv" />}
      {notice && <p className="info-banner" role="status" data-testid="point-notice">{notice}</p>}
      <div className="measure-layout">
        <ul className="channel-list" data-testid="point-list">
          {points.data?.points.length === 0 && <li className="muted">{t('measure.conv.none')}</li>}
          {points.data?.points.map((point) => (
            <li key={point.id} className="card route-card" data-testid="point-card" data-point-id={point.id}>
              <strong data-testid="point-card-name">{point.name}</strong>
              <p className="muted small" data-testid="point-card-summary">
                {t('measure.conv.summary', { count: point.count, value: formatYen(point.totalValue, lang), days: point.attributionDays })}
                {point.defaultValue !== null && ` · ${t('measure.conv.defaultValue', { value: formatYen(point.defaultValue, lang) })}`}
              </p>
              <div className="row">
                <button type="button" onClick={() => setOpen(open === point.id ? undefined : point.id)} aria-expanded={open === point.id} data-testid="point-howto">{t('measure.conv.howTo')}</button>
                <button type="button" onClick={() => setEditing(point)} disabled={!edit.allowed} title={edit.reason} data-testid="point-edit">{t('measure.conv.editPoint')}</button>
                <button type="button" onClick={() => remove(point)} disabled={!edit.allowed} title={edit.reason} data-testid="point-remove">{t('measure.conv.remove')}</button>
              </div>
              {open === point.id && <RecordingHelp ws={ws} point={point} />}
            </li>
          ))}
        </ul>
        <RoleFieldset ws={ws} testId="points-readonly">
          <ConversionPointForm key={editing?.id ?? 'new'} initial={editing} tags={catalogue.data?.tags ?? []} onSubmit={save}
            onCancel={editing ? () => setEditing(undefined) : undefined} />
        </RoleFieldset>
      </div>
      <RfmSettingsView ws={ws} tags={catalogue.data?.tags ?? []} />
    </section>
  );
}
