import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import { navigate, paths } from '../routing/router.ts';
import { refreshMe } from '../accounts/session.ts';
import { ErrorMessage } from './ErrorMessage.tsx';
import { addWorkspace } from './workspaces.ts';

export function CreateWorkspaceForm({ onDone }: { onDone?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState('Asia/Tokyo');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    try {
      const ws = await api.createWorkspace({ name: name.trim(), timeZone });
      addWorkspace(ws);
      // The new workspace is the person's (owner): the switcher and role checks read it from /me.
      await refreshMe();
      onDone?.();
      navigate(paths.workspace(ws.id));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={submit} data-testid="workspace-create-form">
      <label>
        {t('workspace.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} data-testid="workspace-name-input" required maxLength={100} />
      </label>
      <label>
        {t('workspace.timeZone')}
        <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} data-testid="workspace-timezone-input" />
      </label>
      <button type="submit" disabled={busy} data-testid="workspace-create-submit">
        {t('workspace.create')}
      </button>
      {onDone && (
        <button type="button" onClick={onDone}>
          {t('scenarios.cancel')}
        </button>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
    </form>
  );
}
