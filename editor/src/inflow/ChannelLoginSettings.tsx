import { memo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '@lsb/shared/api';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import { CopyButton } from '../channels/CopyButton.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { httpInflowApi, type InflowApi } from './api.ts';
import './inflow.css';

type Problem = 'channelId' | 'secret' | 'basicId';

/** A bound channel's LINE Login settings, which inflow routes use to tell who opened them. */
export const ChannelLoginSettings = memo(function ChannelLoginSettings({ ws, channel, api = httpInflowApi }: { ws: string; channel: Channel; api?: InflowApi }) {
  const { t } = useTranslation();
  const [login, setLogin] = useState(channel.login);
  const [channelId, setChannelId] = useState(channel.login?.loginChannelId ?? '');
  const [secret, setSecret] = useState('');
  const [basicId, setBasicId] = useState(channel.login?.basicId ?? '');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!/^[0-9]{6,20}$/.test(channelId)) found.push('channelId');
    if ((secret !== '' || !login) && !/^[0-9a-f]{32}$/.test(secret)) found.push('secret');
    if (basicId !== '' && !/^@[0-9a-z._-]{1,40}$/.test(basicId)) found.push('basicId');
    setProblems(found);
    setSaved(false);
    if (found.length > 0) return;
    try {
      const updated = await api.saveChannelLogin(ws, channel.id, { loginChannelId: channelId, ...(secret ? { loginChannelSecret: secret } : {}), basicId: basicId || null });
      setLogin(updated.login);
      setSecret('');
      setSaved(true);
      setError(undefined);
    } catch (failure) {
      setError(failure);
    }
  };

  return (
    <form className="channel-login" onSubmit={(event) => void submit(event)} noValidate data-testid="channel-login">
      <h4>{t('inflow.login.title')}</h4>
      <p className="muted small">{t('inflow.login.intro')}</p>
      <p className="small" data-testid="channel-login-status">{login ? t('inflow.login.set', { id: login.loginChannelId }) : t('inflow.login.notSet')}</p>
      <div className="webhook-url">
        <span className="form-label">{t('inflow.login.callbackUrl')}</span>
        <input readOnly value={channel.loginCallbackUrl} aria-label={t('inflow.login.callbackUrl')} data-testid="channel-login-callback" />
        <CopyButton text={channel.loginCallbackUrl} testId="channel-login-copy-callback" />
      </div>
      <RoleFieldset ws={ws} action="manageChannels" testId="channel-login-readonly" note={false}>
      <label className="form-field">
        <span className="form-label">{t('inflow.login.channelId')}</span>
        <input value={channelId} inputMode="numeric" onChange={(e) => setChannelId(e.target.value.trim())} data-testid="channel-login-id" />
        {problems.includes('channelId') && <span className="field-error" role="alert">{t('inflow.login.errors.channelId')}</span>}
      </label>
      <label className="form-field">
        <span className="form-label">{t('inflow.login.channelSecret')}</span>
        <input value={secret} autoComplete="off" onChange={(e) => setSecret(e.target.value.trim())} data-testid="channel-login-secret" />
        {login && <span className="muted small">{t('inflow.login.secretKept', { hint: login.loginChannelSecretHint })}</span>}
        {problems.includes('secret') && <span className="field-error" role="alert">{t('inflow.login.errors.secret')}</span>}
      </label>
      <label className="form-field">
        <span className="form-label">{t('inflow.login.basicId')}</span>
        <input value={basicId} onChange={(e) => setBasicId(e.target.value.trim())} data-testid="channel-login-basic-id" />
        {problems.includes('basicId') && <span className="field-error" role="alert">{t('inflow.login.errors.basicId')}</span>}
      </label>
      {error !== undefined && <ErrorMessage error={error} />}
      {saved && <p className="info-banner" role="status">{t('inflow.login.saved')}</p>}
      <button type="submit" data-testid="channel-login-save">{t('inflow.login.save')}</button>
      </RoleFieldset>
    </form>
  );
});
