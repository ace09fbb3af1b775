import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../api/lineTypes.ts';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import { CopyButton } from './CopyButton.tsx';
import { ChannelLoginSettings } from '../inflow/ChannelLoginSettings.tsx';

/** One bound channel: which account, credential hints (never secrets), and its webhook URL to copy. */
export const ChannelCard = memo(function ChannelCard({ channel, onRemove }: { channel: Channel; onRemove: (channel: Channel) => void }) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={channel.isFake ? 'channel-card fake' : 'channel-card'} data-testid="channel-card" data-channel-id={channel.id} data-fake={channel.isFake}>
      <div className="row">
        <strong className="grow">{channel.name}</strong>
        <span className={channel.isFake ? 'status status-draft' : 'status status-published'} data-testid="channel-kind">
          {t(channel.isFake ? 'channels.fake' : 'channels.real')}
        </span>
      </div>
      {channel.isFake && <p className="muted small">{t('channels.fakeHint')}</p>}
      <dl className="channel-facts">
        <dt>{t('channels.channelId')}</dt>
        <dd data-testid="channel-line-id">{channel.lineChannelId}</dd>
        <dt>{t('channels.channelSecret')}</dt>
        <dd>{channel.channelSecretHint}</dd>
        <dt>{t('channels.channelAccessToken')}</dt>
        <dd>{channel.accessTokenHint}</dd>
        <dt>{t('channels.webhookUrl')}</dt>
        <dd className="webhook-url">
          <input readOnly value={channel.webhookUrl} onFocus={(e) => e.target.select()} aria-label={t('channels.webhookUrl')} data-testid="channel-webhook-url" />
          <CopyButton text={channel.webhookUrl} testId="channel-copy-webhook" />
        </dd>
      </dl>
      {!channel.isFake && <ChannelLoginSettings ws={channel.workspaceId} channel={channel} />}
      {/* Removal is an admin's; the page's note says why (the webhook URL stays to copy). */}
      {!channel.isFake && (
        <RoleFieldset ws={channel.workspaceId} action="manageChannels" testId="channel-card-readonly" note={false}>
        <div className="row">
          {confirming ? (
            <span className="confirm">
              {t('channels.removeConfirm', { name: channel.name })}
              <button type="button" className="danger" onClick={() => onRemove(channel)} data-testid="channel-remove-confirm">{t('channels.confirm')}</button>
              <button type="button" onClick={() => setConfirming(false)}>{t('channels.cancel')}</button>
            </span>
          ) : (
            <button type="button" className="danger" onClick={() => setConfirming(true)} data-testid="channel-remove">{t('channels.remove')}</button>
          )}
        </div>
        </RoleFieldset>
      )}
    </li>
  );
});
