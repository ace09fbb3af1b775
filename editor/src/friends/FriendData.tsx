import { useTranslation } from 'react-i18next';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import type { FriendDetail } from '../api/CatalogueApi.ts';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { nameOf } from '../flow/language.ts';
import { FriendTags } from '../simulator/FriendTags.tsx';
import { RunLine } from '../simulator/RunLine.tsx';
import { FriendFields } from './FriendFields.tsx';

/**
 * A friend's data: inflow route, tags, every field by its kind, runs at their current step. The
 * friend page and the simulator's friend panel both show it; each passes how it saves.
 */
export function FriendData({ ws, friend, catalogue, timeZone, busy, onChangeTags, onSaveFields, showRoute = true }: {
  ws: string;
  friend: FriendDetail;
  catalogue: WorkspaceCatalogue | undefined;
  timeZone: string;
  busy: boolean;
  onChangeTags: (change: { add?: string[]; remove?: string[] }) => void;
  onSaveFields: (values: Record<string, string | number | null>) => Promise<void>;
  /** The simulator shows the route in its header already. */
  showRoute?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div className="friend-data" data-testid="friend-data">
      {showRoute && (
        <div className="form-field">
          <span className="form-label">{t('sim.inflowRoute')}</span>
          <span data-testid="friend-route">{friend.inflowRouteId ? nameOf(catalogue, 'inflowRoute', friend.inflowRouteId) : t('cat.friend.noRoute')}</span>
        </div>
      )}
      <RoleFieldset ws={ws} testId="friend-data-readonly">
      <FriendTags tagIds={friend.tagIds} catalogue={catalogue} busy={busy} onChange={onChangeTags} />
      <div className="friend-fields-block">
        <span className="form-label">{t('cat.friend.fields')}</span>
        {catalogue && <FriendFields fields={catalogue.fields} values={friend.fields} onSave={onSaveFields} />}
      </div>
      </RoleFieldset>
      <div className="sim-runs">
        <span className="form-label">{t('sim.runs')}</span>
        {friend.runs.length === 0 && <p className="muted small">{t('sim.noRuns')}</p>}
        <ul data-testid="sim-runs">
          {friend.runs.map((run) => <RunLine key={run.id} ws={ws} run={run} catalogue={catalogue} timeZone={timeZone} />)}
        </ul>
      </div>
    </div>
  );
}
