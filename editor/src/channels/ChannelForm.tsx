import { memo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, CreateChannelBody } from '../api/lineTypes.ts';
import { useLineApi } from '../api/LineApiContext.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { channelBody, validateChannel, type ChannelErrors, type ChannelField } from './validateChannel.ts';

const EMPTY: CreateChannelBody = { name: '', lineChannelId: '', channelSecret: '', channelAccessToken: '' };
const FIELDS: { field: ChannelField; label: string; testId: string; multiline?: boolean; inputMode?: 'numeric' }[] = [
  { field: 'name', label: 'channels.name', testId: 'channel-name' },
  { field: 'lineChannelId', label: 'channels.channelId', testId: 'channel-id', inputMode: 'numeric' },
  { field: 'channelSecret', label: 'channels.channelSecret', testId: 'channel-secret' },
  { field: 'channelAccessToken', label: 'channels.channelAccessToken', testId: 'channel-token', multiline: true },
];

/** Binds a real LINE channel; every field is checked here first, with the fix in words. */
export const ChannelForm = memo(function ChannelForm({ ws, onCreated }: { ws: string; onCreated: (channel: Channel) => void }) {
  const { t } = useTranslation();
  const api = useLineApi();
  const [input, setInput] = useState<CreateChannelBody>(EMPTY);
  const [errors, setErrors] = useState<ChannelErrors>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validateChannel(input);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      onCreated(await api.createChannel(ws, channelBody(input)));
      setInput(EMPTY);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const set = (field: ChannelField, value: string) => {
    setInput((s) => ({ ...s, [field]: value }));
    // A fixed field stops complaining at once; the others keep their message until the next submit.
    if (errors[field] && !validateChannel({ ...input, [field]: value })[field]) setErrors(({ [field]: _fixed, ...rest }) => rest);
  };

  return (
    <form className="channel-form" onSubmit={submit} noValidate data-testid="channel-form">
      <h3>{t('channels.bind')}</h3>
      <p className="muted small">{t('channels.where')}</p>
      {FIELDS.map(({ field, label, testId, multiline, inputMode }) => {
        const problem = errors[field];
        const props = {
          value: input[field],
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? `${testId}-error` : undefined,
          'data-testid': testId,
          autoComplete: 'off',
          spellCheck: false,
        };
        return (
          <label className="form-field" key={field}>
            <span className="form-label">{t(label)}</span>
            {multiline
              ? <textarea rows={3} {...props} onChange={(e) => set(field, e.target.value)} />
              : <input {...props} inputMode={inputMode} placeholder={field === 'name' ? t('channels.namePlaceholder') : undefined} onChange={(e) => set(field, e.target.value)} />}
            {problem && <span className="field-error" id={`${testId}-error`} role="alert" data-testid={`${testId}-error`}>{t(`channels.errors.${problem.key}`, problem.params ?? {})}</span>}
          </label>
        );
      })}
      <button type="submit" className="primary" disabled={busy} data-testid="channel-submit">{t('channels.submit')}</button>
      {error !== undefined && <ErrorMessage error={error} />}
    </form>
  );
});
