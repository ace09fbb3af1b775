import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, InflowRouteDetail, RouteRepeat, SaveInflowRouteBody } from '@lsb/shared/api';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';

export interface RouteFormChoices {
  tags: Array<{ id: string; name: string }>;
  scenarios: Array<{ id: string; name: string }>;
  channels: Channel[];
}

interface Props extends RouteFormChoices {
  /** The route being edited; absent when creating. */
  initial?: InflowRouteDetail | undefined;
  onSubmit: (body: SaveInflowRouteBody) => Promise<void>;
  onCancel?: (() => void) | undefined;
}

const CODE = /^[a-z0-9-]{1,40}$/;

/** Create or edit a route: its name, code, LINE account and what arriving friends get. */
export function RouteForm({ initial, tags, scenarios, channels, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial?.name ?? '');
  const [code, setCode] = useState(initial?.code ?? '');
  const [channelId, setChannelId] = useState(initial?.channelId ?? '');
  const [tagIds, setTagIds] = useState<string[]>(initial?.actions.tagIds ?? []);
  const [scenarioId, setScenarioId] = useState(initial?.actions.scenarioId ?? '');
  const [repeat, setRepeat] = useState<RouteRepeat>(initial?.actions.repeat ?? 'firstTimeOnly');
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const nameError = name.trim() === '' || name.trim().length > 100 ? t('inflow.nameRequired') : undefined;
  const codeError = code !== '' && !CODE.test(code) ? t('inflow.codeInvalid') : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (nameError || codeError) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit({
        name: name.trim(),
        ...(code ? { code } : {}),
        ...(channelId ? { channelId } : {}),
        actions: { tagIds, scenarioId: scenarioId || null, repeat },
      });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const toggleTag = (id: string) => setTagIds((current) => (current.includes(id) ? current.filter((tagId) => tagId !== id) : [...current, id]));

  return (
    <form className="card route-form" onSubmit={(event) => void submit(event)} noValidate data-testid="route-form">
      <h3>{t(initial ? 'inflow.edit' : 'inflow.create')}</h3>
      <label>
        {t('inflow.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('inflow.namePlaceholder')} maxLength={100}
          aria-invalid={touched && Boolean(nameError)} data-testid="route-name" />
      </label>
      {touched && nameError && <span className="field-error" role="alert" data-testid="route-name-error">{nameError}</span>}
      <label>
        {t('inflow.code')}
        <input value={code} onChange={(e) => setCode(e.target.value.trim())} maxLength={40} aria-invalid={Boolean(codeError)} data-testid="route-code" />
      </label>
      <span className="muted small">{t('inflow.codeHint')}</span>
      {codeError && <span className="field-error" role="alert" data-testid="route-code-error">{codeError}</span>}
      {channels.length > 1 && (
        <label>
          {t('inflow.channel')}
          <select value={channelId} onChange={(e) => setChannelId(e.target.value)} data-testid="route-channel">
            <option value="">{t('inflow.defaultChannel')}</option>
            {channels.map((channel) => <option key={channel.id} value={channel.id}>{channel.name}</option>)}
          </select>
        </label>
      )}
      <fieldset>
        <legend>{t('inflow.actions')}</legend>
        <div className="muted small">{t('inflow.tags')}</div>
        {tags.length === 0 && <span className="muted small">{t('inflow.noTags')}</span>}
        <div className="tag-choices" data-testid="route-tags">
          {tags.map((tag) => (
            <label key={tag.id} className="inline">
              <input type="checkbox" checked={tagIds.includes(tag.id)} onChange={() => toggleTag(tag.id)} data-testid={`route-tag-${tag.name}`} />
              {tag.name}
            </label>
          ))}
        </div>
        <label>
          {t('inflow.scenario')}
          <select value={scenarioId} onChange={(e) => setScenarioId(e.target.value)} data-testid="route-scenario">
            <option value="">{t('inflow.noScenario')}</option>
            {scenarios.map((scenario) => <option key={scenario.id} value={scenario.id}>{scenario.name}</option>)}
          </select>
        </label>
        <span className="muted small">{t('inflow.scenarioHint')}</span>
        <div className="muted small">{t('inflow.repeat')}</div>
        {(['firstTimeOnly', 'everyTime'] as const).map((value) => (
          <label key={value} className="inline">
            <input type="radio" name="route-repeat" checked={repeat === value} onChange={() => setRepeat(value)} data-testid={`route-repeat-${value}`} />
            {t(value === 'firstTimeOnly' ? 'inflow.firstTimeOnly' : 'inflow.everyTime')}
          </label>
        ))}
      </fieldset>
      {error !== undefined && <ErrorMessage error={error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={busy} data-testid="route-save">{busy ? t('inflow.saving') : t('inflow.save')}</button>
        {onCancel && <button type="button" onClick={onCancel} data-testid="route-cancel">{t('inflow.cancel')}</button>}
      </div>
    </form>
  );
}
