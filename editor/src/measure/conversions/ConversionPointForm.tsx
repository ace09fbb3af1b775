import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_ATTRIBUTION_DAYS, type ConversionPoint, type SaveConversionPointBody } from '@lsb/shared/api';
import { MeasureError } from '../MeasureError.tsx';

const URL_RE = /^https?:\/\/[^\s]+$/;
const MONEY = /^\d{1,10}(\.\d{1,2})?$/;

/** Create or edit a conversion point: name, default value, thank-you URLs, attribution window, tags. */
export function ConversionPointForm({ initial, tags, onSubmit, onCancel }: {
  initial?: ConversionPoint | undefined;
  tags: Array<{ id: string; name: string }>;
  onSubmit: (body: SaveConversionPointBody) => Promise<void>;
  onCancel?: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [value, setValue] = useState(initial?.defaultValue === null || initial === undefined ? '' : String(initial.defaultValue));
  const [urls, setUrls] = useState((initial?.urls ?? []).join('\n'));
  const [days, setDays] = useState(String(initial?.attributionDays ?? DEFAULT_ATTRIBUTION_DAYS));
  const [tagIds, setTagIds] = useState<string[]>(initial?.addTagIds ?? []);
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const urlList = urls.split('\n').map((u) => u.trim()).filter(Boolean);
  const nameError = name.trim() === '' || name.trim().length > 100 ? t('measure.conv.nameRequired') : undefined;
  const valueError = value.trim() !== '' && !MONEY.test(value.trim()) ? t('measure.conv.valueInvalid') : undefined;
  const urlsError = urlList.length > 10 || urlList.some((u) => !URL_RE.test(u) || u.length > 2000) ? t('measure.conv.urlsInvalid') : undefined;
  const dayNumber = Number(days);
  const daysError = !Number.isInteger(dayNumber) || dayNumber < 1 || dayNumber > 90 ? t('measure.conv.attributionInvalid') : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameError || valueError || urlsError || daysError) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({
        name: name.trim(),
        defaultValue: value.trim() === '' ? null : Number(value.trim()),
        urls: urlList,
        addTagIds: tagIds,
        attributionDays: dayNumber,
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const toggleTag = (id: string) => setTagIds((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id]));

  return (
    <form className="card route-form" onSubmit={(event) => void submit(event)} noValidate data-testid="point-form">
      <h3>{t(initial ? 'measure.conv.edit' : 'measure.conv.create')}</h3>
      <label>{t('measure.conv.name')}
        <input value={name} maxLength={100} placeholder={t('measure.conv.namePlaceholder')} onChange={(e) => setName(e.target.value)} data-testid="point-name" />
      </label>
      {touched && nameError && <p className="error" data-testid="point-name-error">{nameError}</p>}
      <label>{t('measure.conv.value')}
        <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} data-testid="point-value" />
      </label>
      <span className="muted small">{t('measure.conv.valueHint')}</span>
      {touched && valueError && <p className="error" data-testid="point-value-error">{valueError}</p>}
      <label>{t('measure.conv.urls')}
        <textarea rows={3} value={urls} onChange={(e) => setUrls(e.target.value)} placeholder="https://shop.example.jp/thanks" data-testid="point-urls" />
      </label>
      <span className="muted small">{t('measure.conv.urlsHint')}</span>
      {touched && urlsError && <p className="error" data-testid="point-urls-error">{urlsError}</p>}
      <label>{t('measure.conv.attribution')}
        <input type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} data-testid="point-days" />
      </label>
      {touched && daysError && <p className="error" data-testid="point-days-error">{daysError}</p>}
      <fieldset className="plain-fieldset">
        <legend>{t('measure.conv.tags')}</legend>
        {tags.length === 0 && <span className="muted small">{t('measure.conv.noTags')}</span>}
        {tags.map((tag) => (
          <label key={tag.id} className="check">
            <input type="checkbox" checked={tagIds.includes(tag.id)} onChange={() => toggleTag(tag.id)} data-testid={`point-tag-${tag.name}`} />
            {tag.name}
          </label>
        ))}
      </fieldset>
      {error !== undefined && <MeasureError error={error} section="conv" />}
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="point-save">{busy ? t('measure.conv.saving') : t('measure.conv.save')}</button>
        {onCancel && <button type="button" onClick={onCancel}>{t('measure.conv.cancel')}</button>}
      </div>
    </form>
  );
}
