import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import type { Channel } from '../api/lineTypes.ts';
import { useLineApi } from '../api/LineApiContext.tsx';
import { useResource } from '../api/useResource.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { ChannelCard } from './ChannelCard.tsx';
import { ChannelForm } from './ChannelForm.tsx';

/** The workspace's LINE channels (the fake one marked) and the form that binds a real one. */
export function ChannelsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useLineApi();
  const channels = useResource(ws, () => api.listChannels(ws));
  const [created, setCreated] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const { reload } = channels;
  const manage = usePermission(ws, 'manageChannels');

  const onCreated = useCallback((channel: Channel) => {
    setCreated(channel.name);
    reload();
  }, [reload]);
  const onRemove = useCallback((channel: Channel) => {
    setActionError(undefined);
    setCreated(undefined);
    api.deleteChannel(ws, channel.id).catch(setActionError).finally(reload);
  }, [api, ws, reload]);

  return (
    <section className="page" data-testid="channels-page">
      <h2>{t('channels.title')}</h2>
      <p className="muted">{t('channels.intro')}</p>
      {channels.error !== undefined && <ErrorMessage error={channels.error} onRetry={reload} />}
      {actionError !== undefined && <ErrorMessage error={actionError} />}
      {created && <p className="info-banner" role="status" data-testid="channel-created">{t('channels.created', { name: created })}</p>}
      <div className="channels-layout">
        <ul className="channel-list" data-testid="channel-list">
          {channels.data?.length === 0 && <li className="muted">{t('channels.none')}</li>}
          {channels.data?.map((c) => <ChannelCard key={c.id} channel={c} onRemove={onRemove} />)}
        </ul>
        {/* Binding a channel needs an admin; the form stays visible so others see what it takes. */}
        <fieldset className="plain-fieldset" disabled={!manage.allowed} title={manage.reason}>
          {!manage.allowed && <p className="muted role-reason" data-testid="channels-readonly">{manage.reason}</p>}
          <ChannelForm ws={ws} onCreated={onCreated} />
        </fieldset>
      </div>
    </section>
  );
}
