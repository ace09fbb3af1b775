import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_RFM_SETTINGS, type RfmBand, type RfmMetric, type RfmSettings } from '@lsb/shared/api';
import { RoleFieldset } from '../../accounts/RoleFieldset.tsx';
import { useResource } from '../../api/useResource.ts';
import { Link } from '../../routing/Link.tsx';
import { useMeasureApi } from '../api.ts';
import { friendsFilteredBy } from '../friendsLink.ts';
import { MeasureError } from '../MeasureError.tsx';
import { bandProblem } from './bands.ts';

const METRICS: RfmMetric[] = ['recency', 'frequency', 'monetary'];

/** RFM: each metric's bands (label, from, to, auto-tag), how many friends sit in each now, saved together. */
export function RfmSettingsView({ ws, tags }: { ws: string; tags: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const api = useMeasureApi();
  const settings = useResource(`rfm/${ws}`, () => api.getRfm(ws));
  const summary = useResource(`rfm-summary/${ws}`, () => api.rfmSummary(ws));
  const [draft, setDraft] = useState<RfmSettings>();
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [saved, setSaved] = useState(false);
  useEffect(() => { if (settings.data) setDraft(settings.data); }, [settings.data]);
  const value = draft ?? settings.data ?? DEFAULT_RFM_SETTINGS;
  const problem = bandProblem(value);

  const update = (metric: RfmMetric, bands: RfmBand[]) => { setSaved(false); setDraft({ ...value, [metric]: bands }); };
  const save = () => {
    setTouched(true);
    if (problem) return;
    setBusy(true);
    setError(undefined);
    api.saveRfm(ws, value).then((next) => { setDraft(next); setSaved(true); summary.reload(); }, setError).finally(() => setBusy(false));
  };

  return (
    <section className="card rfm-settings" data-testid="rfm-settings">
      <h3>{t('measure.rfm.title')}</h3>
      <p className="muted small">{t('measure.rfm.intro')}</p>
      {summary.data && <p className="small" data-testid="rfm-converted">{t('measure.rfm.converted', { count: summary.data.converted })}</p>}
      {settings.error !== undefined && <MeasureError error={settings.error} section="rfm" onRetry={settings.reload} />}
      <RoleFieldset ws={ws} testId="rfm-readonly">
        {METRICS.map((metric) => (
          <div key={metric} data-testid={`rfm-${metric}`}>
            <h4>{t(`measure.rfm.metric.${metric}`)}</h4>
            {value[metric].map((band, index) => {
              const count = summary.data?.[metric].find((b) => b.bandId === band.id);
              const set = (patch: Partial<RfmBand>) => update(metric, value[metric].map((b, i) => (i === index ? { ...b, ...patch } : b)));
              return (
                <div className="rfm-band" key={band.id} data-testid="rfm-band" data-band-id={band.id}>
                  <input value={band.label} maxLength={50} aria-label={t('measure.rfm.label')} onChange={(e) => set({ label: e.target.value })} data-testid="rfm-label" />
                  <NumberOrOpen label={t('measure.rfm.min')} value={band.min} onChange={(min) => set({ min })} testId="rfm-min" />
                  <NumberOrOpen label={t('measure.rfm.max')} value={band.max} onChange={(max) => set({ max })} testId="rfm-max" />
                  <label>{t('measure.rfm.tag')}{' '}
                    <select value={band.tagId ?? ''} onChange={(e) => set({ tagId: e.target.value || null })} data-testid="rfm-tag">
                      <option value="">{t('measure.rfm.noTag')}</option>
                      {tags.map((tag) => <option key={tag.id} value={tag.id}>{tag.name}</option>)}
                    </select>
                  </label>
                  {count && (
                    <Link to={friendsFilteredBy(ws, count.condition, `${t(`measure.rfm.metric.${metric}`)}: ${band.label}`)} data-testid="rfm-count">
                      {t('measure.rfm.count', { count: count.count })}
                    </Link>
                  )}
                  <button type="button" className="small-button" onClick={() => update(metric, value[metric].filter((_, i) => i !== index))} data-testid="rfm-remove">{t('measure.rfm.remove')}</button>
                </div>
              );
            })}
            <button type="button" className="small-button" disabled={value[metric].length >= 10} data-testid={`rfm-add-${metric}`}
              onClick={() => update(metric, [...value[metric], { id: newBandId(metric, value[metric]), label: '' }])}>
              {t('measure.rfm.add')}
            </button>
          </div>
        ))}
        {touched && problem && <p className="error" data-testid="rfm-problem">{t(problem === 'label' ? 'measure.rfm.labelRequired' : 'measure.rfm.invalid')}</p>}
        {error !== undefined && <MeasureError error={error} section="rfm" />}
        <div className="row">
          <button type="button" className="primary" onClick={save} disabled={busy} data-testid="rfm-save">{t('measure.rfm.save')}</button>
          {saved && <span role="status" data-testid="rfm-saved">{t('measure.rfm.saved')}</span>}
        </div>
      </RoleFieldset>
    </section>
  );
}

function newBandId(metric: RfmMetric, bands: RfmBand[]): string {
  const used = new Set(bands.map((b) => b.id));
  for (let n = bands.length + 1; ; n++) if (!used.has(`${metric[0]}${n}`)) return `${metric[0]}${n}`;
}

function NumberOrOpen({ label, value, onChange, testId }: { label: string; value: number | undefined; onChange: (v: number | undefined) => void; testId: string }) {
  const { t } = useTranslation();
  return (
    <label>{label}{' '}
      <input type="number" min={0} step="any" value={value ?? ''} placeholder={t('measure.rfm.open')} data-testid={testId}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Math.max(0, Number(e.target.value)))} />
    </label>
  );
}
