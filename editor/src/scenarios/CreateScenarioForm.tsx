import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { useApi } from '../api/ApiContext.tsx';
import { navigate, paths } from '../routing/router.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { starterGraph } from '../flow/starter.ts';

export function CreateScenarioForm({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const edit = usePermission(ws, 'edit');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name?.trim()) return;
    try {
      const created = await api.createScenario(ws, { name: name.trim(), graph: starterGraph() });
      navigate(paths.scenario(ws, created.id));
    } catch (e) {
      setError(e);
    }
  };

  if (name === null) {
    return (
      <button type="button" className="primary" onClick={() => setName(t('scenarios.newName'))} disabled={!edit.allowed} title={edit.reason} data-testid="scenario-create">
        ＋ {t('scenarios.create')}
      </button>
    );
  }
  return (
    <form className="inline-form" onSubmit={submit}>
      <input
        autoFocus
        aria-label={t('scenarios.namePrompt')}
        value={name}
        maxLength={100}
        onChange={(e) => setName(e.target.value)}
        data-testid="scenario-create-name"
      />
      <button type="submit" className="primary" data-testid="scenario-create-submit">{t('scenarios.create')}</button>
      <button type="button" onClick={() => setName(null)}>{t('scenarios.cancel')}</button>
      {error !== undefined && <ErrorMessage error={error} />}
    </form>
  );
}
