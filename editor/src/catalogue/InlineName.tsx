import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A name with 「名前を変更」: the input replaces it until saved or cancelled. */
export function InlineName({ name, onSave, testId }: { name: string; onSave: (name: string) => Promise<void>; testId: string }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (editing === null) {
    return (
      <span className="inline-name">
        <strong data-testid={`${testId}-name`}>{name}</strong>
        <button type="button" className="link-button" onClick={() => setEditing(name)} data-testid={`${testId}-rename`}>{t('cat.rename')}</button>
      </span>
    );
  }
  const save = async () => {
    const next = editing.trim();
    if (!next || next === name) return setEditing(null);
    setBusy(true);
    try {
      await onSave(next);
      setEditing(null);
    } catch {
      // The page says why beside the list; the input stays for another try.
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <input value={editing} onChange={(e) => setEditing(e.target.value)} maxLength={100} autoFocus aria-label={t('cat.name')} data-testid={`${testId}-rename-input`} />
      <button type="submit" disabled={busy || !editing.trim()} data-testid={`${testId}-rename-save`}>{t('scenarios.save')}</button>
      <button type="button" onClick={() => setEditing(null)}>{t('scenarios.cancel')}</button>
    </form>
  );
}
