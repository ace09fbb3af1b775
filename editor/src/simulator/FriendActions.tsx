import { memo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface FriendActionHandlers {
  sendText: (text: string) => Promise<boolean>;
  sendPostback: (data: string) => Promise<boolean>;
  fastForward: () => void;
  setBlocked: (blocked: boolean) => void;
}

/** What the friend types on their phone: a message, or postback data as if a button was tapped. */
export const FriendComposer = memo(function FriendComposer({ blocked, busy, handlers }: { blocked: boolean; busy: boolean; handlers: FriendActionHandlers }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [data, setData] = useState('');

  const submit = (value: string, send: (v: string) => Promise<boolean>, clear: () => void) => async (event: FormEvent) => {
    event.preventDefault();
    if (value.trim() && (await send(value))) clear();
  };

  return (
    <div className="sim-actions">
      <form className="inline-form" onSubmit={submit(text, handlers.sendText, () => setText(''))}>
        <input className="grow" value={text} maxLength={5000} placeholder={t('sim.messagePlaceholder')} aria-label={t('sim.messagePlaceholder')}
          onChange={(e) => setText(e.target.value)} disabled={blocked} data-testid="sim-text-input" />
        <button type="submit" className="primary" disabled={busy || blocked || !text.trim()} data-testid="sim-send">{t('sim.send')}</button>
      </form>
      <form className="inline-form" onSubmit={submit(data, handlers.sendPostback, () => setData(''))}>
        <input className="grow" value={data} maxLength={300} placeholder={t('sim.postbackPlaceholder')} aria-label={t('sim.postbackPlaceholder')}
          onChange={(e) => setData(e.target.value)} disabled={blocked} data-testid="sim-postback-input" />
        <button type="submit" disabled={busy || blocked || !data.trim()} data-testid="sim-postback-send">{t('sim.tapPostback')}</button>
      </form>
    </div>
  );
});

/** The demo's clock control, and blocking as the friend would from LINE. */
export const FriendControls = memo(function FriendControls({ blocked, busy, handlers }: { blocked: boolean; busy: boolean; handlers: FriendActionHandlers }) {
  const { t } = useTranslation();
  return (
    <div className="sim-controls">
      <button type="button" className="primary" onClick={handlers.fastForward} disabled={busy} data-testid="sim-fast-forward">
        {t('sim.fastForward')}
      </button>
      <p className="muted small">{t('sim.fastForwardHint')}</p>
      {blocked
        ? <button type="button" onClick={() => handlers.setBlocked(false)} disabled={busy} data-testid="sim-unblock">{t('sim.unblock')}</button>
        : <button type="button" className="danger" onClick={() => handlers.setBlocked(true)} disabled={busy} data-testid="sim-block">{t('sim.block')}</button>}
    </div>
  );
});
