import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import { useApi } from '../api/ApiContext.tsx';
import { useLineApi } from '../api/LineApiContext.tsx';
import type { FriendSummary } from '../api/lineTypes.ts';
import { useResource } from '../api/useResource.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useWorkspaces } from '../shell/workspaces.ts';
import { AddFriendForm } from './AddFriendForm.tsx';
import { FriendList } from './FriendList.tsx';
import { FriendView } from './FriendView.tsx';
import { usePoll } from './usePoll.ts';

/**
 * The demo simulator: virtual friends of the fake LINE channel, each with its chat. The same panel
 * serves the simulator page and the editor's drawer (`compact` stacks it into one column).
 */
export function SimulatorPanel({ ws, compact = false }: { ws: string; compact?: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const lineApi = useLineApi();
  const catalogue = useResource(ws, () => api.getCatalogue(ws));
  const timeZone = useWorkspaces().list?.find((w) => w.id === ws)?.timeZone ?? 'Asia/Tokyo';
  const friends = usePoll(ws, () => lineApi.listVirtualFriends(ws), 3000);
  const [selected, setSelected] = useState<string | null>(null);
  const { refresh } = friends;
  const current = selected ?? friends.data?.[0]?.id ?? null;

  const onAdded = useCallback((friend: FriendSummary) => {
    setSelected(friend.id);
    refresh();
  }, [refresh]);

  return (
    <div className={compact ? 'sim-panel compact' : 'sim-panel'} data-testid="simulator-panel">
      <div className="sim-side">
        <RoleFieldset ws={ws} testId="sim-readonly">
          <AddFriendForm ws={ws} catalogue={catalogue.data} onAdded={onAdded} />
        </RoleFieldset>
        <h3 className="sim-list-title">{t('sim.friends')}</h3>
        {friends.error !== undefined && <ErrorMessage error={friends.error} onRetry={refresh} />}
        <FriendList friends={friends.data} selectedId={current} onSelect={setSelected} />
      </div>
      <div className="sim-main">
        {current
          ? <FriendView key={current} ws={ws} friendId={current} catalogue={catalogue.data} timeZone={timeZone} onChanged={refresh} />
          : <p className="muted">{t('sim.choose')}</p>}
      </div>
    </div>
  );
}
