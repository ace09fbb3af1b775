import { memo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FriendSummary } from '../api/lineTypes.ts';
import { useLineApi } from '../api/LineApiContext.tsx';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';

const MAX_NAME = 20;

/** A new virtual friend: the runtime posts a signed follow webhook and answers once it was processed. */
export const AddFriendForm = memo(function AddFriendForm({ ws, catalogue, onAdded }: {
  ws: string;
  catalogue: WorkspaceCatalogue | undefined;
  onAdded: (friend: FriendSummary) => void;
}) {
  const { t } = useTranslation();
  const api = useLineApi();
  const [name, setName] = useState('');
  const [routeId, setRouteId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [invalid, setInvalid] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const displayName = name.trim();
    if (!displayName || displayName.length > MAX_NAME) return setInvalid(true);
    setInvalid(false);
    setBusy(true);
    setError(undefined);
    try {
      onAdded(await api.addVirtualFriend(ws, { displayName, ...(routeId ? { inflowRouteId: routeId } : {}) }));
      setName('');
      // The next friend starts without a route again: a leftover choice would silently apply to them.
      setRouteId('');
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="sim-add" onSubmit={submit} data-testid="sim-add-form">
      <label className="form-field">
        <span className="form-label">{t('sim.name')}</span>
        <input value={name} maxLength={MAX_NAME} placeholder={t('sim.namePlaceholder')} onChange={(e) => setName(e.target.value)}
          aria-invalid={invalid} data-testid="sim-add-name" />
      </label>
      <label className="form-field">
        <span className="form-label">{t('sim.inflowRoute')}</span>
        <select value={routeId} onChange={(e) => setRouteId(e.target.value)} data-testid="sim-add-route">
          <option value="">{t('sim.noInflowRoute')}</option>
          {(catalogue?.inflowRoutes ?? []).map((r) => <option key={r.id} value={r.id}>{r.name}</option>)}
        </select>
      </label>
      <button type="submit" className="primary" disabled={busy} data-testid="sim-add-submit">{busy ? t('sim.adding') : `＋ ${t('sim.add')}`}</button>
      {invalid && <div className="field-error" role="alert" data-testid="sim-add-invalid">{t('sim.nameRequired')}</div>}
      {error !== undefined && <ErrorMessage error={error} />}
    </form>
  );
});
