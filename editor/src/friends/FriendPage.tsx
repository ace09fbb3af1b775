import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import { useResource } from '../api/useResource.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useWorkspaces } from '../shell/workspaces.ts';
import { TesterToggle } from '../broadcasts/TesterToggle.tsx';
import { FriendData } from './FriendData.tsx';
import { FriendTimeline } from './FriendTimeline.tsx';
import { FriendConversions } from '../measure/conversions/FriendConversions.tsx';

/** One friend's page: its data, editable (tags, fields by kind), and where it stands in each scenario. */
export function FriendPage({ ws, friendId }: { ws: string; friendId: string }) {
  const { t } = useTranslation();
  const api = useCatalogueApi();
  const catalogue = useCatalogue(ws);
  const timeZone = useWorkspaces().list?.find((w) => w.id === ws)?.timeZone ?? 'Asia/Tokyo';
  const detail = useResource(`${ws}/${friendId}`, () => api.getFriend(ws, friendId));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const { reload } = detail;

  const changeTags = useCallback((change: { add?: string[]; remove?: string[] }) => {
    setBusy(true);
    setError(undefined);
    api.setFriendTags(ws, friendId, change).catch(setError).finally(() => { setBusy(false); reload(); });
  }, [api, ws, friendId, reload]);
  const saveFields = useCallback(async (values: Record<string, string | number | null>) => {
    await api.setFriendFields(ws, friendId, values);
    reload();
  }, [api, ws, friendId, reload]);

  const friend = detail.data;
  return (
    <section className="page friend-page" data-testid="friend-page" data-friend-id={friendId}>
      <Link to={paths.friends(ws)} className="muted small">← {t('cat.friends.back')}</Link>
      <h2 data-testid="friend-name">{friend ? friend.displayName || t('sim.friendFallback') : t('app.loading')}</h2>
      {friend && <span className={friend.status === 'blocked' ? 'status status-paused' : 'status status-published'}>{t(friend.status === 'blocked' ? 'sim.blocked' : 'sim.active')}</span>}
      {detail.error !== undefined && <ErrorMessage error={detail.error} onRetry={reload} />}
      {error !== undefined && <ErrorMessage error={error} />}
      {catalogue.error !== undefined && <ErrorMessage error={catalogue.error} onRetry={catalogue.reload} />}
      {friend && (
        <>
          <TesterToggle key={String(friend.isTester)} ws={ws} friendId={friendId} isTester={friend.isTester ?? false} />
          <FriendData ws={ws} friend={friend} catalogue={catalogue.data} timeZone={timeZone} busy={busy} onChangeTags={changeTags} onSaveFields={saveFields} />
          <FriendConversions ws={ws} friendId={friendId} timeZone={timeZone} />
          <FriendTimeline friend={friend} catalogue={catalogue.data} timeZone={timeZone} />
        </>
      )}
    </section>
  );
}
