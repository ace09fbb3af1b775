import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { useLang } from '../i18n/useLang.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { useSegmentsApi, type FriendFilter, type FriendTableRow } from '../segments/SegmentsApi.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import type { Columns } from './ColumnChooser.tsx';

/** The filtered friends, 50 at a time by the runtime's cursor; "show more" appends the next page. */
export function FriendsTable({ ws, filter, columns, catalogue, timeZone }: {
  ws: string;
  filter: FriendFilter;
  columns: Columns;
  catalogue: WorkspaceCatalogue | undefined;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useSegmentsApi();
  const [rows, setRows] = useState<FriendTableRow[]>([]);
  const [next, setNext] = useState<string | null | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>();
  const load = (after?: string) => {
    setLoading(true);
    setError(undefined);
    api.queryFriends(ws, filter, after).then((page) => {
      setRows((r) => (after ? [...r, ...page.friends] : page.friends));
      setNext(page.nextCursor);
      setLoading(false);
    }, (e: unknown) => {
      setError(e);
      setLoading(false);
    });
  };
  // The parent remounts this table when the filter changes, so the first page loads once.
  useEffect(() => load(), []);
  const date = new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ja-JP', { timeZone, dateStyle: 'medium' });
  const fields = columns.fieldIds.map((id) => catalogue?.fields.find((f) => f.id === id)).filter((f) => f !== undefined);
  const tags = columns.tagIds.map((id) => catalogue?.tags.find((tag) => tag.id === id)).filter((tag) => tag !== undefined);
  return (
    <>
      {error !== undefined && <ErrorMessage error={error} onRetry={() => load()} />}
      {!loading && rows.length === 0 && error === undefined && <p className="muted" data-testid="friends-empty">{t('ft.none')}</p>}
      {rows.length > 0 && (
        <table className="scenario-table" data-testid="friends-table">
          <thead>
            <tr>
              <th>{t('sim.name')}</th><th>{t('cat.friends.status')}</th><th>{t('cat.friends.registered')}</th>
              {fields.map((f) => <th key={f.id}>{f.name}</th>)}
              {tags.map((tag) => <th key={tag.id}>{tag.name}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((friend) => (
              <tr key={friend.id} data-testid="friend-row" data-friend-id={friend.id}>
                <td><Link to={paths.friend(ws, friend.id)} data-testid="friend-link">{friend.displayName || t('sim.friendFallback')}</Link></td>
                <td><span className={friend.status === 'blocked' ? 'status status-paused' : 'status status-published'}>{t(friend.status === 'blocked' ? 'sim.blocked' : 'sim.active')}</span></td>
                <td>{date.format(new Date(friend.registeredAt))}</td>
                {fields.map((f) => <td key={f.id} data-testid="friend-cell-field">{formatValue(friend.fields[f.id])}</td>)}
                {tags.map((tag) => <td key={tag.id} data-testid="friend-cell-tag">{friend.tagIds.includes(tag.id) ? '●' : ''}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => load(next)} disabled={loading} data-testid="friends-more">{t('ft.more')}</button>
      )}
    </>
  );
}

function formatValue(v: unknown): string {
  if (v === undefined || v === null) return '';
  return typeof v === 'number' ? v.toLocaleString() : String(v);
}
