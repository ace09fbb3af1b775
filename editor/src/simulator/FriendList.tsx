import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { FriendSummary } from '../api/lineTypes.ts';

/** The virtual friends of the workspace's fake channel, newest first. */
export const FriendList = memo(function FriendList({ friends, selectedId, onSelect }: {
  friends: FriendSummary[] | undefined;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (friends && friends.length === 0) return <p className="muted small" data-testid="sim-no-friends">{t('sim.noFriends')}</p>;
  return (
    <ul className="sim-friend-list" data-testid="sim-friend-list">
      {(friends ?? []).map((f) => (
        <li key={f.id}>
          <button
            type="button"
            className={f.id === selectedId ? 'sim-friend selected' : 'sim-friend'}
            onClick={() => onSelect(f.id)}
            aria-pressed={f.id === selectedId}
            data-testid="sim-friend"
            data-friend-id={f.id}
            data-status={f.status}
          >
            <span className="avatar" aria-hidden="true" />
            <span className="grow">{f.displayName || t('sim.friendFallback')}</span>
            {f.status === 'blocked' && <span className="status status-paused">{t('sim.blocked')}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
});
