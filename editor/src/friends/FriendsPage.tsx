import { useDeferredValue, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCatalogueApi } from '../api/CatalogueApiContext.tsx';
import { useResource } from '../api/useResource.ts';
import { useCatalogue } from '../catalogue/useCatalogue.ts';
import { nameOf } from '../flow/language.ts';
import { useLang } from '../i18n/useLang.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useWorkspaces } from '../shell/workspaces.ts';

const PAGE = 100;

/** 友だち一覧: newest first, searched by display name; a row opens the friend's page. */
export function FriendsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useCatalogueApi();
  const catalogue = useCatalogue(ws);
  const timeZone = useWorkspaces().list?.find((w) => w.id === ws)?.timeZone ?? 'Asia/Tokyo';
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const query = useDeferredValue(q.trim());
  const page = useResource(`${ws}?q=${query}&o=${offset}`, () => api.listFriends(ws, { q: query || undefined, limit: PAGE, offset }));
  const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ja-JP', { timeZone, dateStyle: 'medium' });
  const total = page.data?.total ?? 0;

  return (
    <section className="page" data-testid="friends-page">
      <h2>{t('cat.friends.title')}</h2>
      <input
        type="search"
        value={q}
        onChange={(e) => { setQ(e.target.value); setOffset(0); }}
        placeholder={t('cat.friends.search')}
        aria-label={t('cat.friends.search')}
        maxLength={100}
        data-testid="friends-search"
      />
      {page.error !== undefined && <ErrorMessage error={page.error} onRetry={page.reload} />}
      {page.data && <p className="muted small" data-testid="friends-total">{t('cat.friends.total', { count: total })}</p>}
      {page.data?.friends.length === 0 && <p className="muted" data-testid="friends-empty">{query ? t('cat.friends.noMatch') : t('cat.friends.none')}</p>}
      {page.data && page.data.friends.length > 0 && (
        <table className="scenario-table" data-testid="friends-table">
          <thead>
            <tr><th>{t('sim.name')}</th><th>{t('cat.friends.status')}</th><th>{t('sim.inflowRoute')}</th><th>{t('cat.friends.registered')}</th></tr>
          </thead>
          <tbody>
            {page.data.friends.map((friend) => (
              <tr key={friend.id} data-testid="friend-row" data-friend-id={friend.id}>
                <td><Link to={paths.friend(ws, friend.id)} data-testid="friend-link">{friend.displayName || t('sim.friendFallback')}</Link></td>
                <td><span className={friend.status === 'blocked' ? 'status status-paused' : 'status status-published'}>{t(friend.status === 'blocked' ? 'sim.blocked' : 'sim.active')}</span></td>
                <td>{friend.inflowRouteId ? nameOf(catalogue.data, 'inflowRoute', friend.inflowRouteId) : '—'}</td>
                <td>{date.format(new Date(friend.registeredAt))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > PAGE && (
        <div className="pager">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>{t('cat.friends.prev')}</button>
          <span className="muted small">{t('cat.friends.range', { from: offset + 1, to: Math.min(offset + PAGE, total), total })}</span>
          <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>{t('cat.friends.next')}</button>
        </div>
      )}
    </section>
  );
}
