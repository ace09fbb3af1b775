import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import { usePermission } from '../accounts/usePermission.ts';
import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import { useLineApi } from '../api/LineApiContext.tsx';
import { FriendData } from '../friends/FriendData.tsx';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { nameOf } from '../flow/language.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { chatItems } from './chatItems.ts';
import { FriendComposer, FriendControls, type FriendActionHandlers } from './FriendActions.tsx';
import { FriendChat } from './FriendChat.tsx';
import { FriendClockLine } from './FriendClockLine.tsx';
import { formatTime } from './friendTime.ts';
import { useLang } from '../i18n/useLang.ts';
import type { FastForwardResponse } from '../api/lineTypes.ts';
import type { ChatAction } from './lineMessage.ts';
import { usePoll } from './usePoll.ts';

/** One virtual friend: the chat, what the friend can do, and its data (tags, fields, runs), editable. */
export function FriendView({ ws, friendId, catalogue, timeZone, onChanged }: {
  ws: string;
  friendId: string;
  catalogue: WorkspaceCatalogue | undefined;
  timeZone: string;
  /** The list shows status too; it refreshes after an action here. */
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const api = useLineApi();
  const catalogueApi = useCatalogueApi();
  const inbox = usePoll(`${ws}/${friendId}`, () => api.getInbox(ws, friendId));
  const detail = usePoll(`${ws}/${friendId}`, () => api.getFriend(ws, friendId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [forwarded, setForwarded] = useState<FastForwardResponse>();
  const lang = useLang();
  const edit = usePermission(ws, 'edit');
  const { refresh: refreshInbox } = inbox;
  const { refresh: refreshDetail } = detail;

  const act = useCallback(async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setError(undefined);
    setForwarded(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(false);
      refreshInbox();
      refreshDetail();
      onChanged();
    }
  }, [refreshInbox, refreshDetail, onChanged]);

  const handlers = useMemo<FriendActionHandlers>(() => ({
    sendText: (text) => act(() => api.sendText(ws, friendId, text)),
    sendPostback: (data) => act(() => api.sendPostback(ws, friendId, data)),
    fastForward: () => void act(async () => setForwarded(await api.fastForward(ws, friendId))),
    setBlocked: (blocked) => void act(() => (blocked ? api.block(ws, friendId) : api.unblock(ws, friendId))),
  }), [act, api, ws, friendId]);
  const onAction = useCallback((action: ChatAction) => {
    if (action.kind === 'postback') void handlers.sendPostback(action.data);
    if (action.kind === 'message') void handlers.sendText(action.text);
  }, [handlers]);
  const changeTags = useCallback((change: { add?: string[]; remove?: string[] }) => void act(() => api.setFriendTags(ws, friendId, change)), [act, api, ws, friendId]);
  // Not through act(): a refused value is shown beside its field, not as the panel's error.
  const saveFields = useCallback(async (values: Record<string, string | number | null>) => {
    await catalogueApi.setFriendFields(ws, friendId, values);
    refreshDetail();
  }, [catalogueApi, ws, friendId, refreshDetail]);

  const friend = detail.data;
  const items = useMemo(() => chatItems(inbox.data?.entries ?? [], friend?.timeline ?? [], inbox.data?.clock.shifts), [inbox.data, friend?.timeline]);
  const received = inbox.data?.entries.reduce((n, entry) => n + entry.messages.length, 0);
  const offsetMs = inbox.data?.clock.offsetMs ?? 0;
  const blocked = friend?.status === 'blocked';
  const loadError = inbox.error ?? detail.error;

  return (
    <section className="sim-friend-view" data-testid="sim-friend-view" data-friend-id={friendId} data-status={friend?.status ?? ''} data-received={received ?? ''}>
      <header className="sim-friend-head">
        <h3>{friend ? friend.displayName || t('sim.friendFallback') : t('app.loading')}</h3>
        {friend && <span className={blocked ? 'status status-paused' : 'status status-published'} data-testid="sim-friend-status">{t(blocked ? 'sim.blocked' : 'sim.active')}</span>}
        {friend && <Link to={paths.friend(ws, friendId)} className="muted small" data-testid="sim-friend-page">{t('cat.friends.open')}</Link>}
        {friend?.inflowRouteId && (
          <span className="muted small" data-testid="sim-friend-route">{t('sim.inflowRoute')}: {nameOf(catalogue, 'inflowRoute', friend.inflowRouteId)}</span>
        )}
      </header>
      {loadError !== undefined && <ErrorMessage error={loadError} />}
      <div className="sim-friend-body">
        <div className="sim-phone-column">
          {offsetMs > 0 && <FriendClockLine offsetMs={offsetMs} timeZone={timeZone} />}
          <FriendChat items={items} onAction={onAction} disabled={busy || blocked || !edit.allowed} timeZone={timeZone} />
          <RoleFieldset ws={ws} testId="sim-composer-readonly" note={false}>
            <FriendComposer blocked={blocked} busy={busy || !friend} handlers={handlers} />
          </RoleFieldset>
        </div>
        <div className="sim-info-column">
          {friend && (
            <FriendData ws={ws} friend={friend} catalogue={catalogue} timeZone={timeZone} busy={busy} onChangeTags={changeTags} onSaveFields={saveFields} showRoute={false} />
          )}
          <RoleFieldset ws={ws} testId="sim-controls-readonly" note={false}>
            <FriendControls blocked={blocked} busy={busy || !friend} handlers={handlers} />
          </RoleFieldset>
          {forwarded !== undefined && (
            <p className="muted small" role="status" data-testid="sim-fast-forward-result" data-fired={forwarded.fired}>
              {forwarded.fired > 0
                ? t('simClock.firedAt', { count: forwarded.fired, time: formatTime(forwarded.simulatedNow, timeZone, lang) })
                : t('sim.noneWaiting')}
            </p>
          )}
        </div>
      </div>
      {error !== undefined && <ErrorMessage error={error} />}
    </section>
  );
}
