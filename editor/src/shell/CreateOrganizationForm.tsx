import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsApi } from '../accounts/api.ts';
import { setMe } from '../accounts/session.ts';
import { ErrorMessage } from './ErrorMessage.tsx';

/**
 * A new organization (the creator owns it); the person then works in it, so the next workspace
 * they create belongs to it (POST /api/workspaces creates in the current organization).
 */
export function CreateOrganizationForm({ onCreated, onCancel }: { onCreated: (name: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    setError(undefined);
    try {
      const org = await accountsApi.createOrganization({ name: trimmed });
      setMe(await accountsApi.switchTo({ organizationId: org.id }));
      onCreated(org.name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} data-testid="organization-create-form">
      <label>
        {t('org.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus data-testid="organization-name-input" />
      </label>
      <button type="submit" className="primary" disabled={busy || !name.trim()} data-testid="organization-create-submit">{t('org.submit')}</button>
      <button type="button" onClick={onCancel}>{t('org.cancel')}</button>
      {error !== undefined && <ErrorMessage error={error} />}
    </form>
  );
}
